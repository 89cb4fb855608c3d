package org.hospital.command;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.hospital.events.EventMetadata;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.web.RequestIds;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Stamps each command with who sent it and through which request (keys of {@link EventMetadata}); the platform's
 * correlation provider copies them onto the resulting events, where auditors read them. Commands dispatched outside a
 * request (Kafka listeners, demo data) carry only what is known.
 */
public class CommandMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    CommandMetadataInterceptor() {
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.andMetaData(currentMetadata());
    }

    /** Who is acting, through which request and from where, as far as the current thread knows. */
    public static Map<String, Object> currentMetadata() {
        Map<String, Object> metadata = new HashMap<>();
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            putIfPresent(metadata, EventMetadata.ACTOR_USER_ID, user.userId());
            putIfPresent(metadata, EventMetadata.ACTOR_ROLE, user.role().wireName());
            putIfPresent(metadata, EventMetadata.ACTOR_DEVICE_ID, user.deviceId());
        }
        putIfPresent(metadata, EventMetadata.REQUEST_ID, RequestIds.current());
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            putIfPresent(metadata, EventMetadata.CLIENT_ADDRESS, request.getRemoteAddr());
        }
        return metadata;
    }

    private static void putIfPresent(Map<String, Object> metadata, String key, Object value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }
}
