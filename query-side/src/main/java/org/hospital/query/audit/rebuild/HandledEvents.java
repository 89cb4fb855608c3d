package org.hospital.query.audit.rebuild;

import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hospital.query.QuerySideConfiguration;

/**
 * Counts the events the projections' processor handles, which is how a rebuild measures its progress: the Kafka
 * tracking token is no measure of it (with the sorted message buffer, a batch's last token may name only the
 * partition of its last message). An interceptor on the processor sees every event once per delivery (a retried
 * batch counts again), whether or not a projection handles it, without being an event handler itself.
 */
final class HandledEvents implements MessageHandlerInterceptor<EventMessage<?>> {

    private final AtomicLong handled = new AtomicLong();

    static HandledEvents registerOn(EventProcessingConfigurer processing) {
        HandledEvents counter = new HandledEvents();
        processing.registerHandlerInterceptor(QuerySideConfiguration.PROJECTIONS, c -> counter);
        return counter;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        handled.incrementAndGet();
        return interceptorChain.proceed();
    }

    long handled() {
        return handled.get();
    }
}
