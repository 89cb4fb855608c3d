package org.hospital.bench;

import java.util.Arrays;

/** Collects latency samples from many threads; one small lock is cheap next to an HTTP round trip. */
public final class LatencyRecorder {

    private long[] samples = new long[1024];
    private int size;

    public synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public synchronized Percentiles summary() {
        return Percentiles.ofNanos(Arrays.copyOf(samples, size));
    }
}
