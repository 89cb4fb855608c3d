package org.hospital.query;

import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.hospital.platform.messaging.PositionCarryingConverter;
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
            apply(GenericEventMessage.asEventMessage(event));
        }
    }

    /** Applies one event as consumed from Kafka with its event-store position. */
    public void applyAt(long position, Object event) {
        apply(GenericEventMessage.asEventMessage(event)
                .andMetaData(Map.of(PositionCarryingConverter.METADATA_KEY, position)));
    }

    private void apply(EventMessage<?> message) {
        Object event = message.getPayload();
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
