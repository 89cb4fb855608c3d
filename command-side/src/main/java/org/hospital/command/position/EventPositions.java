package org.hospital.command.position;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the current HTTP request appended to the event store (event identifiers, collected as events are published
 * on the request's thread) and which aggregates' latest events it answered with without appending (a retried
 * reading answered with its original id). Outside a request (Kafka listeners, start-up) nothing is collected.
 */
public final class EventPositions {

    /** The response header carrying the position; the query side waits for it with {@code min_position}. */
    public static final String HEADER = "X-Event-Position";
    private static final String ATTRIBUTE = EventPositions.class.getName();

    private EventPositions() {
    }

    /** What one request touched. */
    record Collected(List<String> eventIdentifiers, Set<String> latestOfAggregates) {
    }

    static void appended(String eventIdentifier) {
        current(true).ifPresent(collected -> collected.eventIdentifiers().add(eventIdentifier));
    }

    /**
     * The answer depends on events stored by an earlier request (a duplicate reading): the response's position is
     * then the aggregate's latest event, which is at or after the one the answer came from.
     */
    public static void includeLatestOf(String aggregateIdentifier) {
        current(true).ifPresent(collected -> collected.latestOfAggregates().add(aggregateIdentifier));
    }

    static Optional<Collected> collected() {
        return current(false);
    }

    private static Optional<Collected> current(boolean create) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        Object existing = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (existing instanceof Collected collected) {
            return Optional.of(collected);
        }
        if (!create) {
            return Optional.empty();
        }
        Collected collected = new Collected(new ArrayList<>(), new LinkedHashSet<>());
        attributes.setAttribute(ATTRIBUTE, collected, RequestAttributes.SCOPE_REQUEST);
        return Optional.of(collected);
    }
}
