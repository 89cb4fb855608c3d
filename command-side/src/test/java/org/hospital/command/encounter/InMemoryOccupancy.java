package org.hospital.command.encounter;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hospital.command.registry.RegistryLookups.RoomInfo;

/** A single-threaded {@link Occupancy} for aggregate tests; the real one is checked against PostgreSQL. */
class InMemoryOccupancy implements Occupancy {

    final Set<Long> patients = new HashSet<>();
    final Set<Long> doctors = new HashSet<>();
    final Map<Long, RoomInfo> rooms = new LinkedHashMap<>();
    /** encounter id → [patient id, room id] */
    final Map<Long, long[]> active = new HashMap<>();

    InMemoryOccupancy withPatient(long id) {
        patients.add(id);
        return this;
    }

    InMemoryOccupancy withDoctor(long id) {
        doctors.add(id);
        return this;
    }

    InMemoryOccupancy withRoom(long id, String number, String ward) {
        rooms.put(id, new RoomInfo(id, number, ward));
        return this;
    }

    @Override
    public boolean patientExists(long patientId) {
        return patients.contains(patientId);
    }

    @Override
    public boolean doctorExists(long doctorId) {
        return doctors.contains(doctorId);
    }

    @Override
    public Optional<RoomInfo> room(long roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    @Override
    public Optional<RoomInfo> freeRoom(Set<Long> excluded, String ward) {
        return rooms.values().stream()
                .filter(r -> !excluded.contains(r.id()) && encounterInRoom(r.id()).isEmpty())
                .filter(r -> ward == null || ward.equals(r.ward()))
                .findFirst();
    }

    @Override
    public boolean hasActiveEncounter(long patientId) {
        return active.values().stream().anyMatch(a -> a[0] == patientId);
    }

    @Override
    public boolean tryOccupy(long encounterId, long patientId, long doctorId, RoomInfo room) {
        if (hasActiveEncounter(patientId) || encounterInRoom(room.id()).isPresent()) {
            return false;
        }
        active.put(encounterId, new long[] {patientId, room.id()});
        return true;
    }

    @Override
    public boolean tryMove(long encounterId, RoomInfo to) {
        if (encounterInRoom(to.id()).isPresent()) {
            return false;
        }
        active.get(encounterId)[1] = to.id();
        return true;
    }

    @Override
    public void release(long encounterId) {
        active.remove(encounterId);
    }

    @Override
    public Optional<Long> encounterInRoom(long roomId) {
        return active.entrySet().stream().filter(e -> e.getValue()[1] == roomId).map(Map.Entry::getKey).findFirst();
    }
}
