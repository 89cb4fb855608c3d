package org.hospital.events;

import java.time.Instant;

/**
 * The alerting saga's request to open an alert, sent over {@link Topics#ALERT_COMMANDS}. {@code alertKey} is
 * deterministic for the breach (encounter, type and triggering reading), so a redelivered request opens no second
 * alert.
 */
public record RaiseAlert(String alertKey, long encounterId, long patientId, String type, String severity,
                         String message, Instant timestamp, long readingId) {
}
