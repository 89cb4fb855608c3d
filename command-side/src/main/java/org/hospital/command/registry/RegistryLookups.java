package org.hospital.command.registry;

import java.sql.Date;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.command.identity.ClinicalRecords;
import org.hospital.events.DoctorRegistered;
import org.hospital.events.NurseRegistered;
import org.hospital.events.PatientRegistered;
import org.hospital.events.RoomAdded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The register's lookup rows, written from its events in the same transaction (a failed write, such as a room
 * number taken twice, rolls the event back), and read by other commands to check their references.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.LOOKUPS)
public class RegistryLookups implements ClinicalRecords {

    private final JdbcTemplate jdbc;

    RegistryLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A room as commands need it. */
    public record RoomInfo(long id, String roomNumber, String ward) {
    }

    @EventHandler
    void on(PatientRegistered event) {
        jdbc.update("INSERT INTO patient (id, name, date_of_birth, gender) VALUES (?, ?, ?, ?)", event.patientId(),
                event.name(), Date.valueOf(event.dateOfBirth()), event.gender());
    }

    @EventHandler
    void on(DoctorRegistered event) {
        jdbc.update("INSERT INTO doctor (id, name, user_id) VALUES (?, ?, ?)", event.doctorId(), event.name(),
                event.userId());
    }

    @EventHandler
    void on(NurseRegistered event) {
        jdbc.update("INSERT INTO nurse (id, name, ward, user_id) VALUES (?, ?, ?, ?)", event.nurseId(),
                event.name(), event.ward(), event.userId());
    }

    @EventHandler
    void on(RoomAdded event) {
        jdbc.update("INSERT INTO room (id, room_number, ward) VALUES (?, ?, ?)", event.roomId(), event.roomNumber(),
                event.ward());
    }

    @Override
    public boolean patientExists(long patientId) {
        return exists("SELECT EXISTS (SELECT 1 FROM patient WHERE id = ?)", patientId);
    }

    @Override
    public boolean doctorExists(long doctorId) {
        return exists("SELECT EXISTS (SELECT 1 FROM doctor WHERE id = ?)", doctorId);
    }

    @Override
    public boolean nurseExists(long nurseId) {
        return exists("SELECT EXISTS (SELECT 1 FROM nurse WHERE id = ?)", nurseId);
    }

    @Override
    public boolean roomExists(long roomId) {
        return room(roomId).isPresent();
    }

    public Optional<RoomInfo> room(long roomId) {
        return jdbc.query("SELECT id, room_number, ward FROM room WHERE id = ?",
                (rs, n) -> new RoomInfo(rs.getLong(1), rs.getString(2), rs.getString(3)), roomId).stream().findFirst();
    }

    public Optional<RoomInfo> roomByNumber(String roomNumber) {
        return jdbc.query("SELECT id, room_number, ward FROM room WHERE room_number = ?",
                (rs, n) -> new RoomInfo(rs.getLong(1), rs.getString(2), rs.getString(3)), roomNumber).stream()
                .findFirst();
    }

    public Optional<Long> patientIdByName(String name) {
        return jdbc.queryForList("SELECT id FROM patient WHERE name = ? ORDER BY id LIMIT 1", Long.class, name)
                .stream().findFirst();
    }

    public Optional<Long> doctorIdByUser(long userId) {
        return jdbc.queryForList("SELECT id FROM doctor WHERE user_id = ? ORDER BY id LIMIT 1", Long.class, userId)
                .stream().findFirst();
    }

    public Optional<Long> nurseIdByUser(long userId) {
        return jdbc.queryForList("SELECT id FROM nurse WHERE user_id = ? ORDER BY id LIMIT 1", Long.class, userId)
                .stream().findFirst();
    }

    private boolean exists(String sql, long id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(sql, Boolean.class, id));
    }
}
