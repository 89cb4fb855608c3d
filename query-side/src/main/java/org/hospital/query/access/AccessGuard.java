package org.hospital.query.access;

import java.util.Optional;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies {@link ReadAccessRules} for the caller of the current request. Where existence is private (an encounter,
 * a patient), a denial looks exactly like an unknown id: 404.
 */
@Component
public class AccessGuard {

    private final JdbcClient jdbc;

    AccessGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The encounter if the caller may read it; otherwise 404, whether it exists or not. */
    public EncounterScope requireVisibleEncounter(long encounterId) {
        CurrentUser user = CurrentUsers.required();
        return findEncounter(encounterId)
                .filter(encounter -> ReadAccessRules.maySeeEncounter(user, encounter))
                .orElseThrow(() -> new NotFoundException("Encounter"));
    }

    /** The encounter if the caller may read it as part of a patient's record (a patient: their own); otherwise 404. */
    public EncounterScope requireEncounterInRecord(long encounterId) {
        CurrentUser user = CurrentUsers.required();
        return findEncounter(encounterId)
                .filter(encounter -> ReadAccessRules.maySeeEncounterInRecord(user, encounter))
                .orElseThrow(() -> new NotFoundException("Encounter"));
    }

    /** Whether the caller may read the patient's own details (the same rule as {@link #requireVisiblePatient}). */
    public boolean maySeePatient(long patientId) {
        return ReadAccessRules.maySeePatient(CurrentUsers.required(), patientId,
                findActiveEncounterOf(patientId).orElse(null));
    }

    /** Passes if the caller may read the patient's record; otherwise 404, whether the patient exists or not. */
    public void requireVisiblePatient(long patientId) {
        if (!maySeePatient(patientId)) {
            throw new NotFoundException("Patient");
        }
    }

    /** A doctor asking for another doctor's list is refused (403): the list's existence is not private. */
    public void requirePatientListOf(long doctorId) {
        if (!ReadAccessRules.mayListPatientsOf(CurrentUsers.required(), doctorId)) {
            throw new AccessDenied();
        }
    }

    private Optional<EncounterScope> findEncounter(long encounterId) {
        return jdbc.sql("SELECT id, patient_id, doctor_id, ward FROM view_encounters WHERE id = ?")
                .param(encounterId)
                .query((rs, row) -> new EncounterScope(rs.getLong("id"), rs.getLong("patient_id"),
                        rs.getLong("doctor_id"), rs.getString("ward")))
                .optional();
    }

    private Optional<EncounterScope> findActiveEncounterOf(long patientId) {
        return jdbc.sql("""
                        SELECT id, patient_id, doctor_id, ward FROM view_encounters
                        WHERE patient_id = ? AND status = 'active'
                        ORDER BY admitted_at DESC, id DESC LIMIT 1""")
                .param(patientId)
                .query((rs, row) -> new EncounterScope(rs.getLong("id"), rs.getLong("patient_id"),
                        rs.getLong("doctor_id"), rs.getString("ward")))
                .optional();
    }
}
