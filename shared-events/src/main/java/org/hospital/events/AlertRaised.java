package org.hospital.events;

import java.time.Instant;

/**
 * A clinical rule was breached and a new alert opened. {@code readingId} is the reading that triggered it and
 * {@code timestamp} that reading's time of measurement.
 */
public record AlertRaised(long alertId, long encounterId, long patientId, String type, String severity,
                          String message, Instant timestamp, long readingId, Instant raisedAt)
        implements EncounterEvent {
}
