package org.hospital.command.vitals;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.hospital.command.CommandMetadataInterceptor;
import org.hospital.command.vitals.ReadingGroupStorage.SubmissionOutcomes;
import org.hospital.command.vitals.ReadingGroupStorage.Submission;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Stores the readings of concurrent requests together (group commit): a writer thread takes every request waiting,
 * up to {@link VitalsSettings#maxGroupReadings()} readings, and hands them to {@link ReadingGroupStorage} as one
 * group (one query, one sequence call, one command, one transaction). Under load a single reading then costs a share
 * of a transaction instead of a transaction of its own; alone, it is stored at once (no timer waits for company).
 * <p>
 * Each request is answered only after the transaction holding its readings committed. When a group fails (the
 * database is gone), every request in it fails with that error and nothing of the group is stored. Requests for one
 * encounter go to one writer, so writers seldom wait for each other's locks. Beyond
 * {@link VitalsSettings#maxWaitingReadings()} waiting readings a request is refused at once ({@link Overloaded}).
 */
@Component
@EnableConfigurationProperties(VitalsSettings.class)
class ReadingGroupCommit {

    private static final Logger log = LoggerFactory.getLogger(ReadingGroupCommit.class);

    /** A request waiting for a writer, with the answer it waits for. */
    private record Waiting(Submission submission, CompletableFuture<SubmissionOutcomes> answer, long queuedNanos) {

        int size() {
            return submission.readings().size();
        }
    }

    private final ReadingGroupStorage storage;
    private final VitalsSettings settings;
    private final List<BlockingQueue<Waiting>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicInteger waitingReadings = new AtomicInteger();
    private volatile boolean running = true;

    ReadingGroupCommit(ReadingGroupStorage storage, VitalsSettings settings, ObjectProvider<MeterRegistry> meters) {
        this.storage = storage;
        this.settings = settings;
        for (int i = 0; i < settings.writers(); i++) {
            BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            writers.add(Thread.ofPlatform().daemon().name("vitals-writer-" + i).start(() -> write(queue)));
        }
        Gauge.builder("hospital.vitals.waiting", waitingReadings, AtomicInteger::get)
                .description("Readings accepted and waiting for a writer; above max-waiting-readings POST /vitals "
                        + "answers 503")
                .register(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Stores the readings (each already valid on its own) for the caller; returns once they are committed. */
    SubmissionOutcomes store(CurrentUser caller, List<VitalsIngestion.Accepted> readings, Instant receivedAt) {
        if (!running) {
            throw new Overloaded();
        }
        if (waitingReadings.addAndGet(readings.size()) > settings.maxWaitingReadings()) {
            waitingReadings.addAndGet(-readings.size());
            throw new Overloaded();
        }
        Waiting waiting = new Waiting(
                new Submission(caller, readings, receivedAt, CommandMetadataInterceptor.currentMetadata()),
                new CompletableFuture<>(), System.nanoTime());
        long encounter = readings.getFirst().request().encounterId();
        queues.get((int) Math.floorMod(encounter, (long) queues.size())).add(waiting);
        try {
            return waiting.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Whether a request has waited for a writer longer than {@code hospital.vitals.max-queue-wait}: the writers store
     * less than comes in, and a new request would wait longer still.
     */
    boolean isBacklogged() {
        long now = System.nanoTime();
        for (BlockingQueue<Waiting> queue : queues) {
            Waiting oldest = queue.peek();
            if (oldest != null && now - oldest.queuedNanos() > settings.maxQueueWait().toNanos()) {
                return true;
            }
        }
        return false;
    }

    private void write(BlockingQueue<Waiting> queue) {
        while (running) {
            List<Waiting> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int readings = group.getFirst().size();
            for (Waiting next = queue.peek(); next != null
                    && readings + next.size() <= settings.maxGroupReadings(); next = queue.peek()) {
                group.add(queue.poll());
                readings += next.size();
            }
            waitingReadings.addAndGet(-readings);
            try {
                List<SubmissionOutcomes> stored = storage.store(group.stream().map(Waiting::submission).toList());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer().complete(stored.get(i));
                }
            } catch (Throwable e) {
                // Nothing of the group was stored (one transaction); every request in it is answered with the error.
                group.forEach(waiting -> waiting.answer().completeExceptionally(e));
                if (e instanceof Error) {
                    log.error("Storing a group of {} readings failed", readings, e);
                }
            }
        }
    }

    /**
     * Runs after the web server stopped taking requests and answered those in flight (graceful shutdown), so no
     * request waits here any more.
     */
    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
    }

    /** More readings are waiting to be stored than the service accepts; the sender should retry later. */
    static final class Overloaded extends DomainException {

        Overloaded() {
            super(ErrorCode.SERVICE_UNAVAILABLE, "Too many readings waiting to be stored; retry shortly");
        }
    }
}
