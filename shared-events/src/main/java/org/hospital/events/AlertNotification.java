package org.hospital.events;

import java.time.Instant;

/**
 * The plain-JSON record on the {@link Topics#ALERTS} topic (CONTRACT §5): one per alert state change, with
 * {@code status} one of open, acknowledged, resolved.
 */
public record AlertNotification(long alertId, String type, String severity, String message, long patientId,
                                long encounterId, Instant timestamp, String status) {
}
