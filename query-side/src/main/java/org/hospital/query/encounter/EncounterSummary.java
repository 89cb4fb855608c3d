package org.hospital.query.encounter;

import java.time.Instant;

/**
 * An encounter as the doctor's list and the patient's current stay show it (docs/api.md, Query side). The patient's
 * details are null while the view has not seen the patient's registration.
 */
record EncounterSummary(long id, Patient patient, Room room, Instant admittedAt, String status) {

    record Patient(long id, String name, Integer age, String gender) {
    }

    record Room(long id, String roomNumber) {
    }
}
