package org.hospital.command.vitals;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hospital.command.CommandMetadataInterceptor;
import org.hospital.command.ConflictRetry;
import org.hospital.command.encounter.EncounterAccess.Scope;
import org.hospital.command.encounter.EncounterAccess;
import org.hospital.command.encounter.EncounterLookups;
import org.hospital.command.encounter.NewReading;
import org.hospital.command.position.EventPositionLookup;
import org.hospital.command.position.EventPositions.Collecting;
import org.hospital.command.position.EventPositions;
import org.hospital.command.vitals.ReadingOutcome.Rejected;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Stores the readings of concurrent requests together (group commit): a writer thread takes every request waiting,
 * up to {@link VitalsSettings#maxGroupReadings()} readings, checks the callers' access to all their encounters
 * with one query, takes all their ids with one sequence call, and stores them with one command, one transaction and
 * one look-up of the stored position. Under load a single reading then costs a share of a transaction instead of a
 * transaction of its own; alone, it is stored at once (no timer waits for company).
 * <p>
 * Each request still gets its own outcomes, and is answered only after the transaction holding its readings
 * committed; each reading's event carries its own request's audit metadata (sender, request id, client address). When a group fails (the database is gone), every request in it fails with that error and nothing of
 * the group is stored. Requests for one encounter go to one writer, so writers seldom wait for each other's locks.
 */
@Component
@EnableConfigurationProperties(VitalsSettings.class)
class ReadingGroupCommit {

    private static final Logger log = LoggerFactory.getLogger(ReadingGroupCommit.class);

    /** Readings of one request, with its caller, when they arrived, and the answer it waits for. */
    private record Submission(CurrentUser caller, List<VitalsIngestion.Accepted> readings, Instant receivedAt,
                              Map<String, Object> auditMetadata, CompletableFuture<Stored> answer,
                              long queuedNanos) {
    }

    /** Outcomes in the order of the submitted readings, and the event-store position they are stored at or before. */
    record Stored(List<ReadingOutcome> outcomes, Optional<Long> position) {
    }

    private final CommandGateway commands;
    private final EncounterLookups encounters;
    private final EncounterAccess access;
    private final EventPositionLookup positions;
    private final VitalsSettings settings;
    private final List<BlockingQueue<Submission>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicInteger waitingReadings = new AtomicInteger();
    private volatile boolean running = true;

    ReadingGroupCommit(CommandGateway commands, EncounterLookups encounters, EncounterAccess access,
                       EventPositionLookup positions, VitalsSettings settings, ObjectProvider<MeterRegistry> meters) {
        this.commands = commands;
        this.encounters = encounters;
        this.access = access;
        this.positions = positions;
        this.settings = settings;
        for (int i = 0; i < settings.writers(); i++) {
            BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            writers.add(Thread.ofPlatform().daemon().name("vitals-writer-" + i).start(() -> write(queue)));
        }
        Gauge.builder("hospital.vitals.waiting", waitingReadings, AtomicInteger::get)
                .description("Readings accepted and waiting for a writer; above max-waiting-readings POST /vitals "
                        + "answers 503")
                .register(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Stores the readings (each already valid on its own) for the caller; returns once they are committed. */
    Stored store(CurrentUser caller, List<VitalsIngestion.Accepted> readings, Instant receivedAt) {
        if (!running) {
            throw new Overloaded();
        }
        if (waitingReadings.addAndGet(readings.size()) > settings.maxWaitingReadings()) {
            waitingReadings.addAndGet(-readings.size());
            throw new Overloaded();
        }
        Submission submission = new Submission(caller, readings, receivedAt,
                CommandMetadataInterceptor.currentMetadata(), new CompletableFuture<>(), System.nanoTime());
        long encounter = readings.getFirst().request().encounterId();
        queues.get((int) Math.floorMod(encounter, (long) queues.size())).add(submission);
        try {
            return submission.answer().join();
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
        for (BlockingQueue<Submission> queue : queues) {
            Submission oldest = queue.peek();
            if (oldest != null && now - oldest.queuedNanos() > settings.maxQueueWait().toNanos()) {
                return true;
            }
        }
        return false;
    }

    private void write(BlockingQueue<Submission> queue) {
        while (running) {
            List<Submission> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int readings = group.getFirst().readings().size();
            for (Submission next = queue.peek(); next != null
                    && readings + next.readings().size() <= settings.maxGroupReadings(); next = queue.peek()) {
                group.add(queue.poll());
                readings += next.readings().size();
            }
            waitingReadings.addAndGet(-readings);
            try {
                storeGroup(group);
            } catch (Throwable e) {
                // Nothing of the group was stored (one transaction); every request in it is answered with the error.
                group.forEach(submission -> submission.answer().completeExceptionally(e));
                if (e instanceof Error) {
                    log.error("Storing a group of {} readings failed", readings, e);
                }
            }
        }
    }

    private void storeGroup(List<Submission> group) {
        Set<Long> encounterIds = new LinkedHashSet<>();
        group.forEach(s -> s.readings().forEach(r -> encounterIds.add(r.request().encounterId())));
        Map<Long, Scope> scopes = access.findAll(encounterIds);

        List<List<ReadingOutcome>> outcomes = new ArrayList<>();
        List<NewReading> toStore = new ArrayList<>();
        List<int[]> storedAt = new ArrayList<>();
        int storable = 0;
        for (Submission submission : group) {
            List<ReadingOutcome> answers = new ArrayList<>();
            for (VitalsIngestion.Accepted reading : submission.readings()) {
                Scope scope = scopes.get(reading.request().encounterId());
                boolean allowed = scope != null && EncounterAccess.mayActOn(submission.caller(), scope);
                answers.add(allowed ? null : new Rejected(ErrorCode.NOT_FOUND, "Encounter not found"));
                storable += allowed ? 1 : 0;
            }
            outcomes.add(answers);
        }
        if (storable > 0) {
            List<Long> ids = encounters.nextReadingIds(storable);
            for (int s = 0; s < group.size(); s++) {
                Submission submission = group.get(s);
                for (int r = 0; r < submission.readings().size(); r++) {
                    if (outcomes.get(s).get(r) == null) {
                        storedAt.add(new int[] {s, r});
                        toStore.add(newReading(submission, submission.readings().get(r), ids.get(toStore.size())));
                    }
                }
            }
            Collecting<List<ReadingOutcome>> stored = EventPositions.collect(
                    () -> ConflictRetry.sendAndWait(commands, new RecordReadings(toStore)));
            for (int i = 0; i < storedAt.size(); i++) {
                outcomes.get(storedAt.get(i)[0]).set(storedAt.get(i)[1], stored.result().get(i));
            }
            Optional<Long> position = position(stored);
            for (int s = 0; s < group.size(); s++) {
                group.get(s).answer().complete(new Stored(outcomes.get(s), position));
            }
        } else {
            for (int s = 0; s < group.size(); s++) {
                group.get(s).answer().complete(new Stored(outcomes.get(s), Optional.empty()));
            }
        }
    }

    /** The data is stored by now: without its position the answers go out without the header, not as errors. */
    private Optional<Long> position(Collecting<List<ReadingOutcome>> stored) {
        try {
            return positions.position(stored.collected());
        } catch (DataAccessException e) {
            log.warn("Event position of {} stored readings not available; answered without it",
                    stored.result().size(), e);
            return Optional.empty();
        }
    }

    private static NewReading newReading(Submission submission, VitalsIngestion.Accepted reading, long id) {
        CurrentUser caller = submission.caller();
        String source = caller.is(Role.DEVICE) ? "device:" + caller.deviceId() : "user:" + caller.userId();
        VitalsRequest r = reading.request();
        return new NewReading(id, r.encounterId(), r.patientId(), r.timestamp(), r.hrBpm(), r.spo2Pct(), r.tempC(),
                r.bpSystolic(), r.bpDiastolic(), r.respRate(), r.onOxygen(), r.consciousness(), r.deviceFlags(),
                submission.receivedAt(), source, reading.idempotencyKey(), submission.auditMetadata());
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
