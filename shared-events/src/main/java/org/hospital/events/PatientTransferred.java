package org.hospital.events;

import java.time.Instant;

/** The patient of an active encounter moved to another room. */
public record PatientTransferred(long encounterId, long patientId, long fromRoomId, long toRoomId,
                                 String toRoomNumber, String toWard, Instant transferredAt) implements EncounterEvent {
}
