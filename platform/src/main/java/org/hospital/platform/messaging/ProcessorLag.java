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
 * overload): registered as the processor's handler interceptor, it keeps, until {@link #take()}, the age of the
 * oldest event whose batch committed (from the event's time to the commit) and how many events committed. A batch
 * that fails counts nothing, so a processor stuck on a broker outage reports nothing rather than a growing lag.
 * Events older than {@code liveSince} are history being read, not lag.
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

    /** What committed since the last call: the oldest live event's age (-1 when none), and the number of events. */
    public record Interval(long worstLagMs, long events) {
    }

    /** The oldest live event of one unit of work (a processor's batch) and its events, counted once it commits. */
    private final class Batch {
        long oldestLiveMillis = Long.MAX_VALUE;
        long events;

        void committed() {
            if (oldestLiveMillis != Long.MAX_VALUE) {
                worstLagMs.accumulateAndGet(Math.max(0, clock.millis() - oldestLiveMillis), Math::max);
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
        long storedAt = unitOfWork.getMessage().getTimestamp().toEpochMilli();
        if (storedAt >= liveSinceMillis) {
            batch.oldestLiveMillis = Math.min(batch.oldestLiveMillis, storedAt);
        }
        batch.events++;
        return interceptorChain.proceed();
    }

    public Interval take() {
        return new Interval(worstLagMs.getAndSet(-1), committed.getAndSet(0));
    }
}
