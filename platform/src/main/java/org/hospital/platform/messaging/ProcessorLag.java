package org.hospital.platform.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * How far behind an event processor is, as the admission of readings needs it (docs/architecture.md, Under
 * overload): registered as the processor's handler interceptor, it keeps, until {@link #take()}, the largest lag of
 * a committed batch and how many events committed. A batch's lag is how late its handler got to an event (from the
 * event's time to the end of its handling, when the saga's requests and the publisher's records are sent), the
 * worst of the batch, plus the batch's wait at commit (its writes and the broker's acknowledgements). Not the age of
 * the batch's first event at commit: in a large batch that counts the handling of the whole batch as the first
 * event's lag, though its requests went out long before. A batch that fails counts nothing, so a processor stuck on
 * a broker outage reports nothing rather than a growing lag. Events older than {@code liveSince} are history being
 * read, not lag.
 */
public final class ProcessorLag implements MessageHandlerInterceptor<EventMessage<?>> {

    private final Clock clock;
    private final long liveSinceMillis;
    private final AtomicLong worstLagMs = new AtomicLong(-1);
    private final AtomicLong committed = new AtomicLong();
    private final String resourceKey = ProcessorLag.class.getName() + "@" + System.identityHashCode(this);

    public ProcessorLag(Clock clock, Instant liveSince) {
        this.clock = clock;
        this.liveSinceMillis = liveSince.toEpochMilli();
    }

    /** What committed since the last call: the largest lag of a batch (-1 when none), and the number of events. */
    public record Interval(long worstLagMs, long events) {
    }

    /** The worst handling lag of one unit of work (a processor's batch) and its events, counted once it commits. */
    private final class Batch {
        long worstHandlingLagMs = -1;
        long lastHandledMillis;
        long events;

        void committed() {
            if (worstHandlingLagMs >= 0) {
                long commitWait = Math.max(0, clock.millis() - lastHandledMillis);
                worstLagMs.accumulateAndGet(worstHandlingLagMs + commitWait, Math::max);
            }
            ProcessorLag.this.committed.addAndGet(events);
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Batch batch = unitOfWork.getOrComputeResource(resourceKey, key -> {
            Batch created = new Batch();
            unitOfWork.afterCommit(committedUnit -> created.committed());
            return created;
        });
        Object result = interceptorChain.proceed();
        long storedAt = unitOfWork.getMessage().getTimestamp().toEpochMilli();
        long handledAt = clock.millis();
        if (storedAt >= liveSinceMillis) {
            batch.worstHandlingLagMs = Math.max(batch.worstHandlingLagMs, Math.max(0, handledAt - storedAt));
        }
        batch.lastHandledMillis = handledAt;
        batch.events++;
        return result;
    }

    public Interval take() {
        return new Interval(worstLagMs.getAndSet(-1), committed.getAndSet(0));
    }
}
