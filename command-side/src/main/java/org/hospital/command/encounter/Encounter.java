package org.hospital.command.encounter;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.command.registry.RegistryLookups.RoomInfo;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientTransferred;
import org.hospital.events.VitalsRecorded;
import org.hospital.platform.web.DomainException;

/**
 * One stay of a patient: admitted into a room, possibly transferred, discharged once. Readings and observations are
 * accepted only while it is active, readings only for its own patient. Its identifier in the event store is
 * {@code encounter-<id>}.
 * Room occupancy across encounters is guarded by {@link Occupancy}, not here: one aggregate cannot see the others.
 */
@Aggregate
class Encounter {

    @AggregateIdentifier
    private String aggregateId;
    private long encounterId;
    private long patientId;
    private long roomId;
    private boolean active;

    Encounter() {
        // for Axon
    }

    Encounter(long encounterId, long patientId, long doctorId, RoomInfo room, Instant admittedAt) {
        apply(new PatientAdmitted(encounterId, patientId, doctorId, room.id(), room.roomNumber(), room.ward(),
                admittedAt));
    }

    static String aggregateId(long encounterId) {
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
    Optional<DomainException> refusal(RecordVitals reading) {
        if (!active) {
            return Optional.of(new EncounterExceptions.NotActive());
        }
        if (reading.patientId() != patientId) {
            return Optional.of(new EncounterExceptions.WrongPatient());
        }
        return Optional.empty();
    }

    void record(RecordVitals reading) {
        refusal(reading).ifPresent(problem -> {
            throw problem;
        });
        apply(new VitalsRecorded(reading.readingId(), encounterId, patientId, reading.timestamp(), reading.hrBpm(),
                reading.spo2Pct(), reading.tempC(), reading.bpSystolic(), reading.bpDiastolic(), reading.respRate(),
                reading.onOxygen(), reading.consciousness(), reading.deviceFlags(), reading.receivedAt(),
                reading.source()));
    }

    @CommandHandler
    long handle(RecordObservation command) {
        requireActive();
        apply(new ObservationRecorded(command.observationId(), encounterId, patientId, command.authorId(),
                command.note(), command.at()));
        return command.observationId();
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
}
