package org.hospital.command.position;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the current HTTP request appended to the event store (event identifiers, collected as events are published
 * on the request's thread), which aggregates' latest events it answered with without appending (a retried reading
 * answered with its original id), and any position already known for it (readings stored for it on another thread).
 * Outside a request nothing is collected, unless a caller collects explicitly with {@link #collect}.
 */
public final class EventPositions {

    /** The response header carrying the position; the query side waits for it with {@code min_position}. */
    public static final String HEADER = "X-Event-Position";
    private static final String ATTRIBUTE = EventPositions.class.getName();
    private static final ThreadLocal<Collected> EXPLICIT = new ThreadLocal<>();

    private EventPositions() {
    }

    /** What one request (or one explicit collection) touched. */
    public static final class Collected {

        private final List<String> eventIdentifiers = new ArrayList<>();
        private final Set<String> latestOfAggregates = new LinkedHashSet<>();
        private Long known;

        List<String> eventIdentifiers() {
            return eventIdentifiers;
        }

        Set<String> latestOfAggregates() {
            return latestOfAggregates;
        }

        Optional<Long> known() {
            return Optional.ofNullable(known);
        }
    }

    /** The result of work done under {@link #collect}, and what it touched. */
    public record Collecting<T>(T result, Collected collected) {
    }

    /**
     * Runs {@code work} on this thread collecting what it appends, apart from any request this thread serves: for
     * work done on behalf of several requests at once.
     */
    public static <T> Collecting<T> collect(Supplier<T> work) {
        Collected collected = new Collected();
        EXPLICIT.set(collected);
        try {
            return new Collecting<>(work.get(), collected);
        } finally {
            EXPLICIT.remove();
        }
    }

    static void appended(String eventIdentifier) {
        current(true).ifPresent(collected -> collected.eventIdentifiers.add(eventIdentifier));
    }

    /**
     * The answer depends on events stored by an earlier request (a duplicate reading): the response's position is
     * then the aggregate's latest event, which is at or after the one the answer came from.
     */
    public static void includeLatestOf(String aggregateIdentifier) {
        current(true).ifPresent(collected -> collected.latestOfAggregates.add(aggregateIdentifier));
    }

    /** The current request's writes are stored at or before {@code position} (found out on another thread). */
    public static void reached(long position) {
        current(true).ifPresent(collected -> collected.known = Math.max(position,
                collected.known == null ? position : collected.known));
    }

    static Optional<Collected> collected() {
        return current(false);
    }

    private static Optional<Collected> current(boolean create) {
        Collected explicit = EXPLICIT.get();
        if (explicit != null) {
            return Optional.of(explicit);
        }
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
        Collected collected = new Collected();
        attributes.setAttribute(ATTRIBUTE, collected, RequestAttributes.SCOPE_REQUEST);
        return Optional.of(collected);
    }
}
