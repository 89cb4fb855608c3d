package org.hospital.command.encounter;

import java.util.Optional;
import java.util.Set;
import org.hospital.command.registry.RegistryLookups.RoomInfo;

/**
 * The set-based guard of admissions: which patients are in which rooms right now. Every change happens in the
 * transaction of the command that causes it, and the store refuses a second row for a patient or a room.
 */
interface Occupancy {

    boolean patientExists(long patientId);

    boolean doctorExists(long doctorId);

    Optional<RoomInfo> room(long roomId);

    /** The first room without an active encounter, other than those in {@code excluded}, on {@code ward} if not null. */
    Optional<RoomInfo> freeRoom(Set<Long> excluded, String ward);

    boolean hasActiveEncounter(long patientId);

    /** Claims the room for the encounter; false when the patient or the room is already taken. */
    boolean tryOccupy(long encounterId, long patientId, long doctorId, RoomInfo room);

    /** Moves the encounter to another room; false when that room is taken. */
    boolean tryMove(long encounterId, RoomInfo to);

    void release(long encounterId);

    /** The active encounter in a room, if any (a device may post only for it). */
    Optional<Long> encounterInRoom(long roomId);
}
