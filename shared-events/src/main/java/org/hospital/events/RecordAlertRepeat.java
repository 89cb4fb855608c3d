package org.hospital.events;

import java.time.Instant;

/**
 * A new breach of a type that already has an unresolved alert: no new alert, but the open one counts it (alarm-fatigue
 * control, docs/api.md, Alert rules). {@code severity} is the breach's severity; the alert keeps the higher one. A
 * repeat for a reading the alert has already counted changes nothing.
 */
public record RecordAlertRepeat(long alertId, long encounterId, long readingId, String severity, Instant seenAt)
        implements AlertCommand {
}
