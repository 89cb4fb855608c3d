package org.hospital.alerting.saga;

import java.time.Duration;
import java.time.Instant;

/** The latest trusted value of one NEWS2 parameter, when it was measured and by which reading. Saga state. */
public record Latest<T>(T value, Instant measuredAt, long readingId) {

    /** Whether a value measured at {@code at} by {@code reading} replaces this one: newer measurement wins. */
    boolean isOlderThan(Instant at, long reading) {
        int byTime = measuredAt.compareTo(at);
        return byTime < 0 || (byTime == 0 && readingId <= reading);
    }

    /** Still counts at {@code asOf}: measured no longer than {@code freshness} before it. */
    boolean isFreshAt(Instant asOf, Duration freshness) {
        return !measuredAt.isBefore(asOf.minus(freshness));
    }
}
