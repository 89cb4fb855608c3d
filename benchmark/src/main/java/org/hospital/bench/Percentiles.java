package org.hospital.bench;

import java.util.Arrays;

/**
 * Latency summary from the full set of samples (no HdrHistogram offline): sort once, then nearest-rank percentiles,
 * so p99 of 100 samples is the 99th smallest and the maximum is exact.
 */
public record Percentiles(int count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    static final Percentiles EMPTY = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Summarises samples in nanoseconds; the array is sorted in place. */
    public static Percentiles ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return EMPTY;
        }
        Arrays.sort(nanos);
        return new Percentiles(nanos.length, millis(rank(nanos, 50)), millis(rank(nanos, 95)),
                millis(rank(nanos, 99)), millis(nanos[nanos.length - 1]));
    }

    /** Nearest-rank percentile of sorted values: the smallest value with at least p% of the samples at or below it. */
    static long rank(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
