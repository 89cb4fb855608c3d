package org.hospital.events;

import java.time.Instant;

/** An open or acknowledged alert was breached again: {@code occurrences} is the new count, severity the current one. */
public record AlertRepeated(long alertId, long encounterId, long patientId, long readingId, String severity,
                            int occurrences, Instant lastSeenAt) implements EncounterEvent {
}
