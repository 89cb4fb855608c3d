package org.hospital.alerting.saga;

import java.time.Instant;

/**
 * What the saga knows about one alert type of its encounter: requested (it sent {@code RaiseAlert} with
 * {@code alertKey}; {@code alertId} still null) or open ({@code AlertRaised} seen). Part of the saga's stored state,
 * so it stays a plain record that Jackson reads back; fields added later (occurrences, last seen, escalation
 * deadline) read as null from older state.
 *
 * @param requestedAt when the triggering reading was received, to tell a lost request from a slow one
 */
public record TrackedAlert(String alertKey, Long alertId, String severity, long readingId, Instant requestedAt) {

    static TrackedAlert requested(String alertKey, String severity, long readingId, Instant requestedAt) {
        return new TrackedAlert(alertKey, null, severity, readingId, requestedAt);
    }

    /** An alert the saga learns about only from its {@code AlertRaised} (state rebuilt, or requested elsewhere). */
    static TrackedAlert opened(long alertId, String severity, long readingId) {
        return new TrackedAlert(null, alertId, severity, readingId, null);
    }

    TrackedAlert confirmedAs(long id) {
        return new TrackedAlert(alertKey, id, severity, readingId, requestedAt);
    }
}
