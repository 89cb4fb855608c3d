package org.hospital.query.audit.rebuild;

import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.hospital.query.QuerySideConfiguration;

/**
 * Counts the events the projections' processor handles, which is how a rebuild measures its progress: the Kafka
 * tracking token is no measure of it (with the sorted message buffer, a batch's last token may name only the
 * partition of its last message). An interceptor on the processor sees every event once per delivery (a retried
 * batch counts again), whether or not a projection handles it, without being an event handler itself.
 * <p>
 * The counter is a bean but the interceptor is not: Axon's Spring support registers every
 * {@link MessageHandlerInterceptor} bean on every processor and bus, which would count the alerting saga's and the
 * publisher's events too.
 */
final class HandledEvents {

    private final AtomicLong handled = new AtomicLong();

    private HandledEvents() {
    }

    static HandledEvents registerOn(EventProcessingConfigurer processing) {
        HandledEvents counter = new HandledEvents();
        MessageHandlerInterceptor<EventMessage<?>> counting = (unitOfWork, chain) -> {
            counter.handled.incrementAndGet();
            return chain.proceed();
        };
        processing.registerHandlerInterceptor(QuerySideConfiguration.PROJECTIONS, c -> counting);
        return counter;
    }

    long handled() {
        return handled.get();
    }
}
