package org.hospital.alerting.saga;

/**
 * Deadline payload: no reading after {@code readingId} within the monitoring interval of the NEWS2 band at that
 * reading ({@code intervalMinutes}, RCP 2017 chart 4).
 */
public record ObservationsDue(long readingId, long intervalMinutes) {
}
