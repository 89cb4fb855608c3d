package org.hospital.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Reading-to-projection latency for a sample of acknowledged readings: polls {@code view_vitals} in the query side's
 * PostgreSQL database by reading id every few milliseconds, and records when each sampled reading first appears,
 * minus its intended send time. Measured at the database, not through the query API, so it excludes the HTTP read
 * path and includes up to one poll interval of delay.
 */
final class ProjectionProbe implements AutoCloseable {

    static final long POLL_INTERVAL_NANOS = 10_000_000;

    private final SystemDatabase database;
    private final Map<Long, Long> pending = new ConcurrentHashMap<>();
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final Thread poller;
    private volatile boolean running = true;
    private final AtomicInteger tracked = new AtomicInteger();

    ProjectionProbe(SystemDatabase database) {
        this.database = database;
        this.poller = Thread.ofPlatform().name("projection-probe").start(this::pollLoop);
    }

    void track(long readingId, long intendedNanos) {
        pending.put(readingId, intendedNanos);
        tracked.incrementAndGet();
    }

    int outstanding() {
        return pending.size();
    }

    int tracked() {
        return tracked.get();
    }

    Percentiles summary() {
        return latencies.summary();
    }

    private void pollLoop() {
        while (running) {
            long started = System.nanoTime();
            if (!pending.isEmpty()) {
                List<Long> ids = new ArrayList<>(pending.keySet());
                Set<Long> present = database.projectedReadings(ids);
                long seen = System.nanoTime();
                for (Long id : present) {
                    Long intended = pending.remove(id);
                    if (intended != null) {
                        latencies.record(seen - intended);
                    }
                }
            }
            LockSupport.parkNanos(Math.max(0, POLL_INTERVAL_NANOS - (System.nanoTime() - started)));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
    }
}
