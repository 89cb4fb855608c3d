package org.hospital.events;

import java.time.Instant;

/**
 * A patient was admitted: an encounter began in a room under an attending doctor. The room's number and ward are
 * carried so that read models and access rules (a nurse sees her ward) need no other source.
 */
public record PatientAdmitted(long encounterId, long patientId, long doctorId, long roomId, String roomNumber,
                              String ward, Instant admittedAt) implements EncounterEvent {
}
