package org.hospital.query;

import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.context.ApplicationContext;

/**
 * Applies events to the context's projection beans through Axon's own handler resolution, as the processor does,
 * without going through Kafka. Each event goes to every projection that handles it.
 */
public final class ProjectionDriver {

    private final List<AnnotationEventHandlerAdapter> handlers;

    ProjectionDriver(ApplicationContext context) {
        this.handlers = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .map(AnnotationEventHandlerAdapter::new)
                .toList();
    }

    public void apply(Object... events) {
        for (Object event : events) {
            EventMessage<?> message = GenericEventMessage.asEventMessage(event);
            boolean handled = false;
            for (AnnotationEventHandlerAdapter handler : handlers) {
                if (handler.canHandle(message)) {
                    try {
                        handler.handle(message);
                    } catch (Exception e) {
                        throw new IllegalStateException("Projection failed on " + event, e);
                    }
                    handled = true;
                }
            }
            if (!handled) {
                throw new IllegalStateException("No projection handles " + event.getClass().getSimpleName());
            }
        }
    }
}
