package org.hospital.alerting.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.hospital.platform.messaging.TransientFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retries the parked events of encounters an admin asked to retry (their rows carry {@code retry_requested_at}, set
 * by {@code POST /admin/alerting/dead-letters/retry}), every {@code hospital.alerting.dead-letters.
 * retry-poll-interval}, in this process. Polling rather than retrying in the request: the mark may be set through
 * another instance of this side, and the one whose poll finds it first retries it.
 * <p>
 * An encounter's events are retried one at a time from its first, in order, each in its own transaction: the first
 * parked event is locked, handed to the saga's handlers (the processor's handler invoker, without the processor's
 * interceptors, in a unit of work of its own, for the segment that holds the encounter's saga), and deleted with the
 * saga state it produced. Events parked behind it
 * meanwhile are retried after it. An event that fails again stays parked with its attempt counted and its cause
 * updated, and the encounter waits for the next request; a transient failure (database, broker) leaves the request
 * in place and is retried at the next poll.
 */
final class SagaRetry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SagaRetry.class);

    private final SagaDeadLetterStore parked;
    private final Supplier<EventHandlerInvoker> handlers;
    private final Supplier<int[]> segments;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;

    SagaRetry(SagaDeadLetterStore parked, Supplier<EventHandlerInvoker> handlers, Supplier<int[]> segments,
              PlatformTransactionManager transactions, Clock clock, Duration interval) {
        this.parked = parked;
        this.handlers = handlers;
        this.segments = segments;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.interval = interval;
    }

    private enum Outcome { HANDLED, NOTHING_TO_RETRY, FAILED }

    /** Retries every encounter whose retry was requested; returns the number of events handled. */
    int retryRequested() {
        int handled = 0;
        for (String sequence : parked.sequencesToRetry()) {
            handled += retrySequence(sequence);
        }
        return handled;
    }

    private int retrySequence(String sequence) {
        int handled = 0;
        while (true) {
            Outcome outcome;
            try {
                outcome = retryFirst(sequence);
            } catch (RuntimeException e) {
                log.warn("Retry of parked events of encounter {} in processing group '{}' failed ({}); trying again "
                        + "at the next poll", sequence, parked.processingGroup(), e.getClass().getName());
                return handled;
            }
            if (outcome != Outcome.HANDLED) {
                if (handled > 0 || outcome == Outcome.FAILED) {
                    log.info("Retry of encounter {} in processing group '{}': {} parked events handled{}", sequence,
                            parked.processingGroup(), handled,
                            outcome == Outcome.FAILED ? ", then one failed again" : ", none left");
                }
                return handled;
            }
            handled++;
        }
    }

    private Outcome retryFirst(String sequence) {
        SagaDeadLetterStore.Row[] failedRow = new SagaDeadLetterStore.Row[1];
        Throwable[] failure = new Throwable[1];
        Outcome outcome = transactions.execute(status -> {
            SagaDeadLetterStore.Row row = parked.lockHead(sequence).orElse(null);
            if (row == null || row.retryRequestedAt() == null) {
                return Outcome.NOTHING_TO_RETRY;
            }
            EventMessage<?> event = parked.message(row);
            // An existing saga is found from the root segment; a saga this event creates gets an identifier in the
            // segment that would have created it live, the one whose events the processor then hands to it.
            Segment segment = parked.sagasOf(sequence).isEmpty()
                    ? SagaSegments.creating(sequence, segments.get()) : Segment.ROOT_SEGMENT;
            ResultMessage<?> result = DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
                handlers.get().handle(event, segment);
                return null;
            });
            if (result.isExceptional()) {
                // Nothing of the failed attempt stays: no saga state (its unit of work rolled back), no statement.
                status.setRollbackOnly();
                failedRow[0] = row;
                failure[0] = result.exceptionResult();
                return Outcome.FAILED;
            }
            parked.handled(row, clock.instant());
            return Outcome.HANDLED;
        });
        if (outcome == Outcome.FAILED) {
            if (TransientFailure.isTransient(failure[0])) {
                throw failure[0] instanceof RuntimeException runtime ? runtime
                        : new TransientFailure("Transient failure", failure[0]);
            }
            SagaDeadLetterStore.Row row = failedRow[0];
            SagaDeadLetterStore.Failure cause = SagaDeadLetterStore.Failure.of(failure[0], clock.instant());
            transactions.executeWithoutResult(status -> parked.failedAgain(row, cause));
            log.error("Parked event {} {} of encounter {} in processing group '{}' failed again on retry: {}",
                    row.eventType(), row.eventIdentifier(), sequence, parked.processingGroup(), cause.type());
        }
        return outcome;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "saga-dead-letter-retry");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            retryRequested();
        } catch (RuntimeException e) {
            // The database may be away; the next poll tries again.
            log.warn("Could not look for parked events to retry in processing group '{}' ({})",
                    parked.processingGroup(), e.getClass().getName());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Starts after Axon (it needs the saga's handlers) and stops before it. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }
}
