package org.hospital.command.position;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Notes the identifier of every event the current request publishes. The event store calls dispatch interceptors
 * when the unit of work prepares to commit, on the thread that handles the command (the request's thread: the
 * command bus is local and synchronous); events of a unit of work that rolls back end in an error response, which
 * carries no position.
 */
@Configuration(proxyBeanMethods = false)
class EventPositionRecorder implements MessageDispatchInterceptor<EventMessage<?>> {

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            EventPositions.appended(event.getIdentifier());
            return event;
        };
    }

    @Bean
    static SmartInitializingSingleton eventPositionRecording(EventBus eventBus) {
        return () -> eventBus.registerDispatchInterceptor(new EventPositionRecorder());
    }
}
