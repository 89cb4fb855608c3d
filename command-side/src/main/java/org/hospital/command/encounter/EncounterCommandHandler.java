package org.hospital.command.encounter;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.hospital.command.encounter.EncounterCommands.AdmitPatient;
import org.hospital.command.encounter.EncounterCommands.DischargePatient;
import org.hospital.command.encounter.EncounterCommands.TransferPatient;
import org.hospital.command.registry.RegistryLookups.RoomInfo;
import org.hospital.platform.error.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Admission, transfer and discharge: each changes {@link Occupancy} and the encounter's events in one transaction
 * (Axon's unit of work around the command), so the guard and the event store never disagree: the guard spans every
 * encounter, so these handlers are not on the aggregate.
 */
@Component
class EncounterCommandHandler {

    /** How many free rooms an automatic admission tries when concurrent admissions take them first. */
    static final int ROOM_ATTEMPTS = 10;

    private final Repository<Encounter> encounters;
    private final Occupancy occupancy;
    private final EncounterIds ids;
    private final Clock clock;

    EncounterCommandHandler(Repository<Encounter> encounters, Occupancy occupancy, EncounterIds ids, Clock clock) {
        this.encounters = encounters;
        this.occupancy = occupancy;
        this.ids = ids;
        this.clock = clock;
    }

    /** The facts of a new admission, as the API answers them. */
    record Admission(long encounterId, long patientId, long doctorId, long roomId, String roomNumber,
                     Instant admittedAt) {
    }

    @CommandHandler
    Admission handle(AdmitPatient command) throws Exception {
        if (!occupancy.patientExists(command.patientId())) {
            throw new NotFoundException("Patient");
        }
        if (!occupancy.doctorExists(command.doctorId())) {
            throw new NotFoundException("Doctor");
        }
        long encounterId = ids.nextEncounterId();
        RoomInfo room = command.roomId() != null
                ? occupyChosenRoom(encounterId, command, command.roomId())
                : occupyAnyFreeRoom(encounterId, command);
        Instant admittedAt = clock.instant();
        encounters.newInstance(
                () -> new Encounter(encounterId, command.patientId(), command.doctorId(), room, admittedAt));
        return new Admission(encounterId, command.patientId(), command.doctorId(), room.id(), room.roomNumber(),
                admittedAt);
    }

    private RoomInfo occupyChosenRoom(long encounterId, AdmitPatient command, long roomId) {
        RoomInfo room = occupancy.room(roomId).orElseThrow(() -> new NotFoundException("Room"));
        if (command.onlyWard() != null && !command.onlyWard().equals(room.ward())) {
            throw new EncounterExceptions.RoomOnAnotherWard();
        }
        if (occupancy.tryOccupy(encounterId, command.patientId(), command.doctorId(), room)) {
            return room;
        }
        throw occupancy.hasActiveEncounter(command.patientId())
                ? new EncounterExceptions.PatientAlreadyAdmitted()
                : new EncounterExceptions.RoomOccupied();
    }

    private RoomInfo occupyAnyFreeRoom(long encounterId, AdmitPatient command) {
        if (occupancy.hasActiveEncounter(command.patientId())) {
            throw new EncounterExceptions.PatientAlreadyAdmitted();
        }
        Set<Long> tried = new HashSet<>();
        for (int attempt = 0; attempt < ROOM_ATTEMPTS; attempt++) {
            RoomInfo room = occupancy.freeRoom(tried, command.onlyWard()).orElseThrow(EncounterExceptions.NoRoomAvailable::new);
            if (occupancy.tryOccupy(encounterId, command.patientId(), command.doctorId(), room)) {
                return room;
            }
            if (occupancy.hasActiveEncounter(command.patientId())) {
                throw new EncounterExceptions.PatientAlreadyAdmitted();
            }
            tried.add(room.id());
        }
        throw new EncounterExceptions.NoRoomAvailable();
    }

    @CommandHandler
    void handle(DischargePatient command) {
        Aggregate<Encounter> encounter = encounters.load(command.aggregateId());
        encounter.execute(e -> e.discharge(clock.instant()));
        occupancy.release(command.encounterId());
    }

    @CommandHandler
    RoomInfo handle(TransferPatient command) {
        Aggregate<Encounter> encounter = encounters.load(command.aggregateId());
        RoomInfo to = occupancy.room(command.roomId()).orElseThrow(() -> new NotFoundException("Room"));
        encounter.execute(e -> e.transfer(to, clock.instant()));
        if (!occupancy.tryMove(command.encounterId(), to)) {
            throw new EncounterExceptions.RoomOccupied();
        }
        return to;
    }
}
