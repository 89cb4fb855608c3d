package org.hospital.events;

import java.time.Instant;
import java.util.Map;

/**
 * A clinical rule was breached and a new alert opened. {@code readingId} is the reading that triggered it and
 * {@code timestamp} that reading's time of measurement; {@code rule}, {@code values} and {@code news2} are the
 * evidence (see {@link RaiseAlert}). Events stored before the evidence fields existed read them as null.
 */
public record AlertRaised(long alertId, long encounterId, long patientId, String type, String severity,
                          String message, Instant timestamp, long readingId, Instant raisedAt, String rule,
                          Map<String, Double> values, News2Breakdown news2) implements EncounterEvent {

    /** An alert without evidence details (the rule is the alert type). */
    public AlertRaised(long alertId, long encounterId, long patientId, String type, String severity,
                       String message, Instant timestamp, long readingId, Instant raisedAt) {
        this(alertId, encounterId, patientId, type, severity, message, timestamp, readingId, raisedAt, type,
                Map.of(), null);
    }
}
