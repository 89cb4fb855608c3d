package org.hospital.query.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.hospital.events.EncounterEvent;
import org.hospital.events.EventMetadata;
import org.hospital.platform.messaging.PositionCarryingConverter;
import org.hospital.testing.TestIds;
import org.springframework.context.ApplicationContext;

/**
 * Applies events to every projection as the processor would after reading them from Kafka: as domain event
 * messages with a store timestamp, an event-store position and the audit metadata (as text, the way metadata
 * arrives through Kafka headers).
 */
public final class AuditDriver {

    private final List<AnnotationEventHandlerAdapter> handlers;

    AuditDriver(ApplicationContext context) {
        this.handlers = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .map(AnnotationEventHandlerAdapter::new)
                .toList();
    }

    /** Who caused an event. */
    public record Actor(Long userId, String role, Long deviceId) {

        public static Actor user(long userId, String role) {
            return new Actor(userId, role, null);
        }

        public static Actor device(long deviceId) {
            return new Actor(null, "device", deviceId);
        }
    }

    /** Applies {@code event} as stored at {@code storedAt} by {@code actor}; returns its event-store position. */
    public long apply(Object event, Instant storedAt, Actor actor) {
        long position = TestIds.next();
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(PositionCarryingConverter.METADATA_KEY, position);
        if (actor != null) {
            if (actor.userId() != null) {
                metadata.put(EventMetadata.ACTOR_USER_ID, actor.userId().toString());
            }
            if (actor.deviceId() != null) {
                metadata.put(EventMetadata.ACTOR_DEVICE_ID, actor.deviceId().toString());
            }
            metadata.put(EventMetadata.ACTOR_ROLE, actor.role());
            metadata.put(EventMetadata.REQUEST_ID, "req-" + position);
            metadata.put(EventMetadata.CLIENT_ADDRESS, "10.0.0.7");
        }
        String aggregate = event instanceof EncounterEvent e ? "encounter-" + e.encounterId() : "registry";
        EventMessage<?> message = new GenericDomainEventMessage<>(event.getClass().getSimpleName(), aggregate,
                position, event, metadata, "event-" + position, storedAt);
        for (AnnotationEventHandlerAdapter handler : handlers) {
            if (handler.canHandle(message)) {
                try {
                    handler.handle(message);
                } catch (Exception e) {
                    throw new IllegalStateException("Projection failed on " + event, e);
                }
            }
        }
        return position;
    }
}
