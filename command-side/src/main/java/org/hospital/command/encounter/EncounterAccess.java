package org.hospital.command.encounter;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientTransferred;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.security.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may act on an encounter (docs/api.md, Roles, deny by default): an admin on any, a doctor on those they attend, a
 * nurse on those in a room of her ward, a device on the one in its room. The rows ({@code encounter_access}) follow the
 * encounter's events in the command's own transaction, and stay after discharge so that "not active" (409) is told
 * apart from "not yours" (404). A caller who may not act on an encounter learns nothing about it: the answer is the
 * same 404 as for an unknown id.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.LOOKUPS)
public class EncounterAccess {

    private final JdbcTemplate jdbc;

    EncounterAccess(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What decides ownership of one encounter. */
    public record Scope(long encounterId, long patientId, long doctorId, long roomId, String ward, boolean active) {
    }

    @EventHandler
    void on(PatientAdmitted event) {
        jdbc.update("""
                INSERT INTO encounter_access (encounter_id, patient_id, doctor_id, room_id, ward, active)
                VALUES (?, ?, ?, ?, ?, TRUE)""", event.encounterId(), event.patientId(), event.doctorId(),
                event.roomId(), event.ward());
    }

    @EventHandler
    void on(PatientTransferred event) {
        jdbc.update("UPDATE encounter_access SET room_id = ?, ward = ? WHERE encounter_id = ?", event.toRoomId(),
                event.toWard(), event.encounterId());
    }

    @EventHandler
    void on(PatientDischarged event) {
        jdbc.update("UPDATE encounter_access SET active = FALSE WHERE encounter_id = ?", event.encounterId());
    }

    public Optional<Scope> find(long encounterId) {
        return jdbc.query("""
                        SELECT encounter_id, patient_id, doctor_id, room_id, ward, active
                        FROM encounter_access WHERE encounter_id = ?""",
                (rs, n) -> new Scope(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getBoolean(6)), encounterId).stream().findFirst();
    }

    /** The scopes of those of {@code encounterIds} that exist, by encounter id: one query for a whole batch. */
    public Map<Long, Scope> findAll(Collection<Long> encounterIds) {
        Map<Long, Scope> scopes = new HashMap<>();
        jdbc.query("""
                        SELECT encounter_id, patient_id, doctor_id, room_id, ward, active
                        FROM encounter_access WHERE encounter_id = ANY (?)""",
                rs -> {
                    Scope scope = new Scope(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5), rs.getBoolean(6));
                    scopes.put(scope.encounterId(), scope);
                }, (Object) encounterIds.toArray(Long[]::new));
        return scopes;
    }

    /** The encounter, if it exists and the caller may act on it; otherwise 404, whichever of the two it is. */
    public Scope require(CurrentUser caller, long encounterId) {
        return find(encounterId).filter(scope -> mayActOn(caller, scope))
                .orElseThrow(() -> new NotFoundException("Encounter"));
    }

    /** The ownership rule itself; which roles may call which endpoint at all is the security chain's business. */
    public static boolean mayActOn(CurrentUser caller, Scope scope) {
        return switch (caller.role()) {
            case ADMIN -> true;
            case DOCTOR -> caller.doctorId() != null && caller.doctorId() == scope.doctorId();
            case NURSE -> caller.ward() != null && caller.ward().equals(scope.ward());
            case DEVICE -> caller.roomId() != null && caller.roomId() == scope.roomId();
            case PATIENT, AUDITOR -> false;
        };
    }
}
