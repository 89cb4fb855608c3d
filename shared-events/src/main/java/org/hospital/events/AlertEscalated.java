package org.hospital.events;

import java.time.Instant;

/** An alert stayed unacknowledged past its deadline and was escalated ({@code level} 1 for the first time). */
public record AlertEscalated(long alertId, long encounterId, long patientId, String severity, int level,
                             Instant escalatedAt) implements EncounterEvent {
}
