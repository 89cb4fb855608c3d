package org.hospital.alerting.saga;

/** Deadline payload: alert {@code alertId} is still unacknowledged; escalate it to {@code level}. */
public record EscalationDue(long alertId, int level) {
}
