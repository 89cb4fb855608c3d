package org.hospital.query.audit.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Writes access-log entries off the request thread: reads are queued (bounded) and one writer thread resolves
 * and appends them in batches. Nothing is dropped silently: when the queue is full the read is written on the
 * caller's thread instead (slower, not lost); an entry that cannot be written after retries is logged as an
 * error and counted in {@code hospital.access_log.failed}, which operators must alert on.
 */
@Component
class AccessLogWriter {

    private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);
    private static final int CAPACITY = 10_000;
    private static final int BATCH = 500;
    private static final int ATTEMPTS = 5;

    private final AccessLog accessLog;
    private final BlockingQueue<AccessRead> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Counter written;
    private final Counter failed;
    private final Counter writtenOnCaller;
    private final Thread writer;
    private volatile boolean running = true;

    AccessLogWriter(AccessLog accessLog, ObjectProvider<MeterRegistry> meters) {
        this.accessLog = accessLog;
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.written = registry.counter("hospital.access_log.written");
        this.failed = registry.counter("hospital.access_log.failed");
        this.writtenOnCaller = registry.counter("hospital.access_log.written_on_caller");
        registry.gaugeCollectionSize("hospital.access_log.queued", List.of(), queue);
        this.writer = Thread.ofPlatform().name("access-log-writer").daemon().start(this::run);
    }

    /** Records a read; returns at once unless the queue is full. */
    void record(AccessRead read) {
        if (!queue.offer(read)) {
            writtenOnCaller.increment();
            write(List.of(read));
        }
    }

    /** How many reads wait to be written (tests wait for 0). */
    int backlog() {
        return queue.size();
    }

    private void run() {
        List<AccessRead> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                AccessRead first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<AccessRead> reads) {
        Duration backOff = Duration.ofMillis(100);
        for (int attempt = 1; ; attempt++) {
            try {
                List<AccessEntry> entries = new ArrayList<>();
                for (AccessRead read : reads) {
                    entries.addAll(accessLog.resolve(read));
                }
                accessLog.append(entries);
                written.increment(entries.size());
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    failed.increment(reads.size());
                    // No patient data in the message: request ids let operators find the reads in the request log.
                    log.error("ACCESS LOG ENTRIES LOST: {} read(s) could not be recorded, request ids {}",
                            reads.size(), reads.stream().map(AccessRead::requestId).toList(), e);
                    return;
                }
                log.warn("Access log write failed (attempt {} of {}), retrying", attempt, ATTEMPTS, e);
                try {
                    Thread.sleep(backOff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                backOff = backOff.multipliedBy(2);
            }
        }
    }

    /** Writes what is still queued before the database goes away. */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(Duration.ofSeconds(10));
        if (!queue.isEmpty()) {
            List<AccessRead> rest = new ArrayList<>();
            queue.drainTo(rest);
            write(rest);
        }
    }
}
