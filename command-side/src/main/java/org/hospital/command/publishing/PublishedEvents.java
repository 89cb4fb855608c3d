package org.hospital.command.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.GapAwareTrackingToken;

/**
 * Which events the integration topics already hold, so that events the processor handles again (its batch failed
 * after some records were acknowledged, or the process died between the acknowledgements and storing its position,
 * or another instance took the processor over) are not published twice, and an event whose record failed is
 * published again even when a later record of its partition got through.
 * <p>
 * Each record carries its event's identifier ({@value #EVENT_HEADER}) and the processor's position right after the
 * event ({@value #POSITION_HEADER}: event-store index and open gaps; an event that fills a gap leaves the index
 * where it was, so the index alone does not name the event). Only events after the processor's stored position can
 * be handled again, and their records were sent after every record of the events before it, so they are the
 * records at the end of each partition that follow the last record whose position the stored one covers. Their
 * identifiers are read from the partitions at start, after a batch rolled back (its records may or may not have been
 * written) and when the processor gains or loses its segment. Nothing this process sends needs adding: an event is
 * handled once per batch, and the batch ends in a commit, which empties the sets (its position covers everything
 * sent), or a rollback, which has them read again.
 */
final class PublishedEvents {

    static final String EVENT_HEADER = "hospital-event-id";
    static final String POSITION_HEADER = "hospital-published-through";
    /** How long reading the partitions may take before the batch fails and is retried. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Collection<String> topics;
    private final Function<Collection<String>, Map<TopicPartition, Set<String>>> reader;
    private Map<TopicPartition, Set<String>> published;

    /**
     * @param reader reads, per partition of the topics, the identifiers of the events after the processor's
     *               stored position that are on the partition
     */
    PublishedEvents(Collection<String> topics, Function<Collection<String>, Map<TopicPartition, Set<String>>> reader) {
        this.topics = topics;
        this.reader = reader;
    }

    /** Whether the event is already on the partition. */
    synchronized boolean isPublished(TopicPartition partition, String eventIdentifier) {
        if (published == null) {
            published = new HashMap<>(reader.apply(topics));
        }
        return published.getOrDefault(partition, Set.of()).contains(eventIdentifier);
    }

    /**
     * The batch committed: the stored position now covers every event handled, so no event sent so far can be
     * handled again.
     */
    synchronized void committed() {
        if (published != null) {
            published.clear();
        }
    }

    /** What is on the topics is no longer known here; it is read again before the next check. */
    synchronized void forget() {
        published = null;
    }

    /** The position header's value: the index, then the gaps, comma-separated ("1042" or "1042,1017,1020"). */
    static byte[] encode(GapAwareTrackingToken position) {
        StringBuilder value = new StringBuilder().append(position.getIndex());
        for (long gap : position.getGaps()) {
            value.append(',').append(gap);
        }
        return value.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The position in a record's header; empty when there is none or it cannot be read. */
    static Optional<GapAwareTrackingToken> decodePosition(Header header) {
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(header.value(), StandardCharsets.US_ASCII).split(",");
            SortedSet<Long> gaps = new TreeSet<>();
            for (int i = 1; i < parts.length; i++) {
                gaps.add(Long.parseLong(parts[i]));
            }
            return Optional.of(GapAwareTrackingToken.newInstance(Long.parseLong(parts[0]), gaps));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The event identifier in a record's header; empty when there is none. */
    static Optional<String> decodeEvent(Header header) {
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
