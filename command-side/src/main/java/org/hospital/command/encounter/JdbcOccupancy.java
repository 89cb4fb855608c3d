package org.hospital.command.encounter;

import java.util.Optional;
import java.util.Set;
import org.hospital.command.registry.RegistryLookups;
import org.hospital.command.registry.RegistryLookups.RoomInfo;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link Occupancy} on {@code active_encounter} (UNIQUE patient_id, UNIQUE room_id). Claims use
 * {@code ON CONFLICT DO NOTHING}: a concurrent claim of the same room waits for the other transaction and then sees
 * the conflict, without aborting this transaction, so the caller can try another room.
 */
@Component
class JdbcOccupancy implements Occupancy {

    private final JdbcTemplate jdbc;
    private final RegistryLookups registry;

    JdbcOccupancy(JdbcTemplate jdbc, RegistryLookups registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    @Override
    public boolean patientExists(long patientId) {
        return registry.patientExists(patientId);
    }

    @Override
    public boolean doctorExists(long doctorId) {
        return registry.doctorExists(doctorId);
    }

    @Override
    public Optional<RoomInfo> room(long roomId) {
        return registry.room(roomId);
    }

    @Override
    public Optional<RoomInfo> freeRoom(Set<Long> excluded, String ward) {
        return jdbc.query("""
                        SELECT r.id, r.room_number, r.ward FROM room r
                        WHERE NOT EXISTS (SELECT 1 FROM active_encounter a WHERE a.room_id = r.id)
                          AND r.id <> ALL (?) AND (CAST(? AS VARCHAR) IS NULL OR r.ward = ?)
                        ORDER BY r.id LIMIT 1""",
                (rs, n) -> new RoomInfo(rs.getLong(1), rs.getString(2), rs.getString(3)),
                (Object) excluded.toArray(Long[]::new), ward, ward).stream().findFirst();
    }

    @Override
    public boolean hasActiveEncounter(long patientId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM active_encounter WHERE patient_id = ?)", Boolean.class, patientId));
    }

    @Override
    public boolean tryOccupy(long encounterId, long patientId, long doctorId, RoomInfo room) {
        return jdbc.update("""
                INSERT INTO active_encounter (encounter_id, patient_id, room_id, doctor_id, ward)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                encounterId, patientId, room.id(), doctorId, room.ward()) == 1;
    }

    /** An UPDATE cannot skip a conflict: the unique violation ends the transaction, which the caller then fails. */
    @Override
    public boolean tryMove(long encounterId, RoomInfo to) {
        if (encounterInRoom(to.id()).isPresent()) {
            return false;
        }
        try {
            return jdbc.update("UPDATE active_encounter SET room_id = ?, ward = ? WHERE encounter_id = ?", to.id(),
                    to.ward(), encounterId) == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public void release(long encounterId) {
        jdbc.update("DELETE FROM active_encounter WHERE encounter_id = ?", encounterId);
    }

    @Override
    public Optional<Long> encounterInRoom(long roomId) {
        return jdbc.queryForList("SELECT encounter_id FROM active_encounter WHERE room_id = ?", Long.class, roomId)
                .stream().findFirst();
    }
}
