package org.hospital.query.audit.rebuild;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.hospital.events.Topics;
import org.hospital.query.QuerySideConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the query side's views from the domain-event topic: shuts the {@code projections} processor down,
 * empties the views ({@link ProjectionReset}) and moves its token to the topic's start in one transaction, starts it
 * again, then follows
 * the replay until the processor has reached every partition's end as it was when the replay began.
 * <p>
 * Progress: events handled since the restart (counted by {@link HandledEvents}) against what the topic held when
 * the replay began (its end offsets); done when all are handled and the processor has caught up. One
 * rebuild at a time per process; with several query-side instances sharing the token, the others must be stopped
 * (the reset fails, and the rebuild reports failed, while another instance owns the token).
 */
@Component
class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final EventProcessingConfiguration processing;
    private final ConsumerFactory<String, byte[]> consumers;
    private final TokenStore tokenStore;
    private final ProjectionReset reset;
    private final HandledEvents handledEvents;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("projection-rebuild").daemon().factory());
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.idle());

    ProjectionRebuild(EventProcessingConfiguration processing, ConsumerFactory<String, byte[]> consumers,
                      TokenStore tokenStore, ProjectionReset reset, HandledEvents handledEvents,
                      PlatformTransactionManager transactionManager, Clock clock) {
        this.processing = processing;
        this.consumers = consumers;
        this.tokenStore = tokenStore;
        this.reset = reset;
        this.handledEvents = handledEvents;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Starts a rebuild in the background; false if one is already running. */
    boolean start() {
        Instant now = clock.instant();
        RebuildProgress current = progress.get();
        RebuildProgress started = new RebuildProgress(RebuildProgress.RUNNING, now, null, 0, 0, null, null, false,
                null);
        if (current.running() || !progress.compareAndSet(current, started)) {
            return false;
        }
        executor.execute(() -> run(now));
        return true;
    }

    RebuildProgress progress() {
        return progress.get();
    }

    /** While true the views are incomplete: their reads answer 503 ({@link RebuildGuard}). */
    boolean inProgress() {
        return progress.get().running();
    }

    private void run(Instant startedAt) {
        TrackingEventProcessor processor = null;
        try (Consumer<String, byte[]> consumer = consumers.createConsumer("projection-rebuild-progress")) {
            processor = processing.eventProcessor(QuerySideConfiguration.PROJECTIONS, TrackingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("No tracking processor 'projections'"));
            log.info("Projection rebuild: stopping processor '{}'", processor.getName());
            processor.shutDown();
            // Taken after the shutdown: nothing the old run processed lies beyond these offsets.
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DOMAIN_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = 0;
            for (TopicPartition partition : partitions) {
                total += end.get(partition) - begin.get(partition);
            }
            restartFromTheBeginning(processor.getName());
            long handledBefore = handledEvents.handled();
            processor.start();
            log.info("Projection rebuild: replaying {} events", total);
            Instant lastLogged = clock.instant();
            while (true) {
                Collection<EventTrackerStatus> statuses = processor.processingStatus().values();
                long done = Math.min(total, handledEvents.handled() - handledBefore);
                boolean complete = processor.isRunning() && !statuses.isEmpty() && done >= total
                        && statuses.stream().allMatch(EventTrackerStatus::isCaughtUp);
                boolean error = statuses.stream().anyMatch(EventTrackerStatus::isErrorState);
                Instant now = clock.instant();
                if (complete) {
                    progress.set(new RebuildProgress(RebuildProgress.DONE, startedAt, now, done, total,
                            rate(done, startedAt, now), 0L, false, null));
                    log.info("Projection rebuild: done, {} events in {}", done, Duration.between(startedAt, now));
                    return;
                }
                if (Duration.between(lastLogged, now).toSeconds() >= 5) {
                    lastLogged = now;
                    log.info("Projection rebuild: {} of {} events", done, total);
                }
                Double rate = rate(done, startedAt, now);
                Long remaining = rate == null || rate == 0 ? null : Math.round((total - done) / rate);
                progress.set(new RebuildProgress(RebuildProgress.RUNNING, startedAt, null, done, total, rate,
                        remaining, error, null));
                Thread.sleep(POLL);
            }
        } catch (Exception | Error e) {
            log.error("Projection rebuild failed", e);
            RebuildProgress last = progress.get();
            progress.set(new RebuildProgress(RebuildProgress.FAILED, startedAt, clock.instant(), last.eventsDone(),
                    last.eventsTotal(), null, null, false,
                    "The rebuild failed; the query side's log has the cause"));
            if (processor != null && !processor.isRunning()) {
                processor.start();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Empties the views and the dead-letter queue and moves every segment's token back to the start of the topic, in
     * one transaction.
     * <p>
     * Not Axon's {@code resetTokens()}: its replay token decides "replay or live" by comparing Kafka tokens, and with
     * the sorted message buffer a batch's stored token may name only the partition of its last message (seen in
     * {@code ProjectionRebuildTest}: all three partitions processed, token {@code {"hospital-events-3":7}}). The
     * token at reset would then end the "replay" early and old events would reach the handlers as live ones. The
     * rebuild therefore runs as ordinary processing from the topic's start, the way a new query side builds its
     * views: the handlers are idempotent, and a handler that must not act twice (the live alert-change log) must be
     * idempotent by its own keys rather than rely on {@code ReplayStatus}.
     */
    private void restartFromTheBeginning(String processorName) {
        transactions.executeWithoutResult(status -> {
            reset.emptyViews();
            // The replay meets the parked events again: parked once more if they still fail, projected if not.
            // Kept, they would hold their encounters' replayed events behind them and be parked twice.
            processing.deadLetterQueue(QuerySideConfiguration.PROJECTIONS)
                    .ifPresent(SequencedDeadLetterQueue::clear);
            for (int segment : tokenStore.fetchSegments(processorName)) {
                tokenStore.storeToken(KafkaTrackingToken.emptyToken(), processorName, segment);
            }
        });
    }

    private static Double rate(long done, Instant startedAt, Instant now) {
        double seconds = Duration.between(startedAt, now).toMillis() / 1000.0;
        return seconds <= 0 ? null : Math.round(done / seconds * 10) / 10.0;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
