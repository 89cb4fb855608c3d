package org.hospital.alerting.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the saga knows about one alert type of its encounter: requested (it sent {@code RaiseAlert} with
 * {@code alertKey}; {@code alertId} still null), open ({@code AlertRaised} seen) or acknowledged. Part of the saga's
 * stored state, so it stays a plain record that Jackson reads back; fields added later read as null or false from
 * older state.
 *
 * @param requestedAt    when the triggering reading was received, to tell a lost request from a slow one
 * @param pendingRepeats breaches seen while the request was not yet confirmed; sent as repeats once the alert's id
 *                       is known (bounded, see {@link #MAX_PENDING_REPEATS})
 */
public record TrackedAlert(String alertKey, Long alertId, String severity, long readingId, Instant requestedAt,
                           boolean acknowledged, List<PendingRepeat> pendingRepeats) {

    /** Repeats kept while an alert is unconfirmed; beyond that only the count in the view would be low. */
    static final int MAX_PENDING_REPEATS = 50;

    public TrackedAlert {
        pendingRepeats = pendingRepeats == null ? List.of() : List.copyOf(pendingRepeats);
    }

    public TrackedAlert(String alertKey, Long alertId, String severity, long readingId, Instant requestedAt) {
        this(alertKey, alertId, severity, readingId, requestedAt, false, List.of());
    }

    static TrackedAlert requested(String alertKey, String severity, long readingId, Instant requestedAt) {
        return new TrackedAlert(alertKey, null, severity, readingId, requestedAt);
    }

    /** An alert the saga learns about only from its {@code AlertRaised} (state rebuilt, or requested elsewhere). */
    static TrackedAlert opened(long alertId, String severity, long readingId) {
        return new TrackedAlert(null, alertId, severity, readingId, null);
    }

    TrackedAlert confirmedAs(long id) {
        return new TrackedAlert(alertKey, id, severity, readingId, requestedAt, acknowledged, List.of());
    }

    TrackedAlert acknowledge() {
        return new TrackedAlert(alertKey, alertId, severity, readingId, requestedAt, true, pendingRepeats);
    }

    TrackedAlert withSeverity(String newSeverity) {
        return new TrackedAlert(alertKey, alertId, newSeverity, readingId, requestedAt, acknowledged, pendingRepeats);
    }

    TrackedAlert withPendingRepeat(PendingRepeat repeat) {
        if (pendingRepeats.size() >= MAX_PENDING_REPEATS
                || pendingRepeats.stream().anyMatch(p -> p.readingId() == repeat.readingId())) {
            return this;
        }
        List<PendingRepeat> repeats = new ArrayList<>(pendingRepeats);
        repeats.add(repeat);
        return new TrackedAlert(alertKey, alertId, severity, readingId, requestedAt, acknowledged, repeats);
    }

    /** A new breach of this type, counted on the alert once it exists. */
    public record PendingRepeat(long readingId, String severity, Instant seenAt) {
    }
}
