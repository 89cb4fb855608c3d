package org.hospital.alerting.saga;

/**
 * The escalation deadline of one unacknowledged alert: the level it will escalate to when it fires and the
 * deadline's schedule id (to cancel it). Saga state.
 */
public record Escalation(String severity, int level, String scheduleId) {
}
