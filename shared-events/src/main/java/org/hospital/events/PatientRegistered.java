package org.hospital.events;

import java.time.LocalDate;

/** A patient was entered into the hospital's register. {@code gender} is one of F, M, O, U. */
public record PatientRegistered(long patientId, String name, LocalDate dateOfBirth, String gender) {
}
