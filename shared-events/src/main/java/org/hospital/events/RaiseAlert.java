package org.hospital.events;

import java.time.Instant;
import java.util.Map;

/**
 * The alerting saga's request to open an alert, sent over {@link Topics#ALERT_COMMANDS}. {@code alertKey} is
 * deterministic for the breach (encounter, type and triggering reading), so a redelivered request opens no second
 * alert. {@code rule} names the rule that fired, {@code values} the measurements it saw, {@code news2} the score
 * breakdown for NEWS2 alerts (null otherwise).
 */
public record RaiseAlert(String alertKey, long encounterId, long patientId, String type, String severity,
                         String message, Instant timestamp, long readingId, String rule, Map<String, Double> values,
                         News2Breakdown news2) implements AlertCommand {

    public RaiseAlert {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** A request without evidence details (the rule is the alert type). */
    public RaiseAlert(String alertKey, long encounterId, long patientId, String type, String severity,
                      String message, Instant timestamp, long readingId) {
        this(alertKey, encounterId, patientId, type, severity, message, timestamp, readingId, type, Map.of(), null);
    }
}
