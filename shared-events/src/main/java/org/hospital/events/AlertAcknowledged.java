package org.hospital.events;

import java.time.Instant;

/** A clinician saw the alert and took responsibility for it; it stays unresolved. */
public record AlertAcknowledged(long alertId, long encounterId, long patientId, long acknowledgedBy,
                                Instant acknowledgedAt) implements EncounterEvent {
}
