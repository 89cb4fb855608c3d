package org.hospital.command.encounter;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.command.encounter.EncounterCommands.ChangeSpo2Scale;
import org.hospital.command.registry.RegistryLookups.RoomInfo;
import org.hospital.events.News2Scored;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientTransferred;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.events.VitalsRecorded;
import org.hospital.platform.error.DomainException;

/**
 * One stay of a patient: admitted into a room, possibly transferred, discharged once. Readings and observations are
 * accepted only while it is active, readings only for its own patient and measured no earlier than
 * {@link #MEASURED_BEFORE_ADMISSION} before the admission (docs/api.md, Vitals). It also holds the SpO2 scale clinicians chose
 * for NEWS2 and the last NEWS2 score the alerting saga reported. Its identifier in the event store is
 * {@code encounter-<id>}.
 * Room occupancy across encounters is guarded by {@link Occupancy}, not here: one aggregate cannot see the others.
 */
@Aggregate(cache = "aggregateCache", commandTargetResolver = EncounterTargets.BEAN)
public class Encounter {

    /**
     * How long before the admission a reading may have been measured: a monitor that came with the patient from
     * the emergency department, or a device clock a few time zones off, and still nothing from another stay.
     */
    static final Duration MEASURED_BEFORE_ADMISSION = Duration.ofHours(24);

    @AggregateIdentifier
    private String aggregateId;
    private long encounterId;
    private long patientId;
    private long roomId;
    private boolean active;
    private Instant admittedAt;
    /** NEWS2 SpO2 scale 1 unless a clinician chose scale 2 (RCP 2017, chart 1). */
    private int spo2Scale = 1;
    private Long lastScoredReadingId;

    Encounter() {
        // for Axon
    }

    Encounter(long encounterId, long patientId, long doctorId, RoomInfo room, Instant admittedAt) {
        apply(new PatientAdmitted(encounterId, patientId, doctorId, room.id(), room.roomNumber(), room.ward(),
                admittedAt));
    }

    public static String aggregateId(long encounterId) {
        return "encounter-" + encounterId;
    }

    long patientId() {
        return patientId;
    }

    void discharge(Instant at) {
        requireActive();
        apply(new PatientDischarged(encounterId, patientId, roomId, at));
    }

    void transfer(RoomInfo to, Instant at) {
        requireActive();
        if (to.id() == roomId) {
            throw new EncounterExceptions.AlreadyInRoom();
        }
        apply(new PatientTransferred(encounterId, patientId, roomId, to.id(), to.roomNumber(), to.ward(), at));
    }

    /** Why this reading cannot be stored here, if it cannot; checked before anything is applied. */
    public Optional<DomainException> refusal(NewReading reading) {
        if (!active) {
            return Optional.of(new EncounterExceptions.NotActive());
        }
        if (reading.patientId() != patientId) {
            return Optional.of(new EncounterExceptions.WrongPatient());
        }
        if (reading.timestamp().isBefore(admittedAt.minus(MEASURED_BEFORE_ADMISSION))) {
            return Optional.of(new EncounterExceptions.MeasuredBeforeAdmission());
        }
        return Optional.empty();
    }

    public void record(NewReading reading) {
        refusal(reading).ifPresent(problem -> {
            throw problem;
        });
        apply(new VitalsRecorded(reading.readingId(), encounterId, patientId, reading.timestamp(), reading.hrBpm(),
                reading.spo2Pct(), reading.tempC(), reading.bpSystolic(), reading.bpDiastolic(), reading.respRate(),
                reading.onOxygen(), reading.consciousness(), reading.deviceFlags(), reading.receivedAt(),
                reading.source()), MetaData.from(reading.auditMetadata()));
    }

    @CommandHandler
    long handle(RecordObservation command) {
        requireActive();
        apply(new ObservationRecorded(command.observationId(), encounterId, patientId, command.authorId(),
                command.note(), command.at()));
        return command.observationId();
    }

    /**
     * A clinician chooses the SpO2 scale (scale 2 only for confirmed hypercapnic respiratory failure, RCP 2017).
     * Choosing the scale in force changes nothing.
     */
    @CommandHandler
    int handle(ChangeSpo2Scale command) {
        if (command.scale() != 1 && command.scale() != 2) {
            throw new EncounterExceptions.InvalidSpo2Scale();
        }
        requireActive();
        if (command.scale() != spo2Scale) {
            apply(new Spo2ScaleChanged(encounterId, patientId, command.scale(), command.userId(), command.at()));
        }
        return command.scale();
    }

    /**
     * Records the NEWS2 score the alerting saga computed after a reading. A discharged encounter takes no score, and
     * a score for a reading not newer than the last one scored is a redelivery (or overtaken): nothing changes.
     */
    @CommandHandler
    void handle(RecordNews2Score request, Clock clock) {
        if (!active || (lastScoredReadingId != null && request.readingId() <= lastScoredReadingId)) {
            return;
        }
        apply(new News2Scored(encounterId, patientId, request.readingId(), request.score(), request.risk(),
                request.breakdown(), clock.instant(), request.monitoringIntervalMinutes()));
    }

    private void requireActive() {
        if (!active) {
            throw new EncounterExceptions.NotActive();
        }
    }

    @EventSourcingHandler
    void on(PatientAdmitted event) {
        aggregateId = aggregateId(event.encounterId());
        encounterId = event.encounterId();
        patientId = event.patientId();
        roomId = event.roomId();
        admittedAt = event.admittedAt();
        active = true;
    }

    @EventSourcingHandler
    void on(PatientTransferred event) {
        roomId = event.toRoomId();
    }

    @EventSourcingHandler
    void on(PatientDischarged event) {
        active = false;
    }

    @EventSourcingHandler
    void on(Spo2ScaleChanged event) {
        spo2Scale = event.scale();
    }

    @EventSourcingHandler
    void on(News2Scored event) {
        lastScoredReadingId = event.readingId();
    }
}
