package org.hospital.events;

import java.time.Instant;

/** The alert was closed; a new breach of the same type may raise a new alert. */
public record AlertResolved(long alertId, long encounterId, long patientId, long resolvedBy, String reason,
                            Instant resolvedAt) implements EncounterEvent {
}
