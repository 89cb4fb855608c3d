package org.hospital.query.access;

import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;

/**
 * The ownership rules of docs/api.md, Roles for the read side, as pure decisions (deny by default): an admin sees
 * everything; a doctor the encounters they attend; a nurse the encounters on her ward; a patient only their own record.
 * A patient's record is reachable to clinicians through the patient's active encounter only: the care relationship ends
 * with the discharge.
 */
public final class ReadAccessRules {

    private ReadAccessRules() {
    }

    /** Overview, alerts and notes of one encounter. Patients read their data through their patient id instead. */
    public static boolean maySeeEncounter(CurrentUser user, EncounterScope encounter) {
        if (user == null || user.role() == null || encounter == null) {
            return false;
        }
        return switch (user.role()) {
            case ADMIN -> true;
            case DOCTOR -> user.doctorId() != null && user.doctorId() == encounter.doctorId();
            case NURSE -> user.ward() != null && user.ward().equals(encounter.ward());
            default -> false;
        };
    }

    /**
     * An encounter as part of a patient's record (the FHIR interface, docs/fhir.md): whoever may see the encounter,
     * and the patient whose stay it is, who already reads it through their current encounter and vitals.
     */
    public static boolean maySeeEncounterInRecord(CurrentUser user, EncounterScope encounter) {
        if (maySeeEncounter(user, encounter)) {
            return true;
        }
        return user != null && user.role() == Role.PATIENT && user.patientId() != null
                && user.patientId() == encounter.patientId();
    }

    /**
     * A patient's current encounter and recent vitals. {@code activeEncounter} is the patient's active encounter,
     * or null when there is none.
     */
    public static boolean maySeePatient(CurrentUser user, long patientId, EncounterScope activeEncounter) {
        if (user == null || user.role() == null) {
            return false;
        }
        return switch (user.role()) {
            case ADMIN -> true;
            case PATIENT -> user.patientId() != null && user.patientId() == patientId;
            case DOCTOR, NURSE -> activeEncounter != null && activeEncounter.patientId() == patientId
                    && maySeeEncounter(user, activeEncounter);
            default -> false;
        };
    }

    /** A doctor's patient list: the admin's for any doctor, a doctor's own only. */
    public static boolean mayListPatientsOf(CurrentUser user, long doctorId) {
        if (user == null || user.role() == null) {
            return false;
        }
        return switch (user.role()) {
            case ADMIN -> true;
            case DOCTOR -> user.doctorId() != null && user.doctorId() == doctorId;
            default -> false;
        };
    }
}
