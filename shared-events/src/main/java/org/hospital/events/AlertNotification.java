package org.hospital.events;

import java.time.Instant;

/**
 * The plain-JSON record on the {@link Topics#ALERTS} topic (docs/api.md, Kafka topics): one per alert state change,
 * with {@code status} one of open, acknowledged, resolved. {@code change} says what happened (raised, repeated,
 * escalated, acknowledged, resolved); {@code occurrences} and {@code escalationLevel} are the alert's counts after it.
 */
public record AlertNotification(long alertId, String type, String severity, String message, long patientId,
                                long encounterId, Instant timestamp, String status, String change, int occurrences,
                                int escalationLevel) {

    /** A notification of the contract's seed shape, for a first occurrence without escalation. */
    public AlertNotification(long alertId, String type, String severity, String message, long patientId,
                             long encounterId, Instant timestamp, String status) {
        this(alertId, type, severity, message, patientId, encounterId, timestamp, status,
                switch (status) {
                    case "open" -> "raised";
                    default -> status;
                }, 1, 0);
    }
}
