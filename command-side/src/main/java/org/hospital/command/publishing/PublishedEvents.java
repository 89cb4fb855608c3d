package org.hospital.command.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Which events the integration topics already hold, so that events the processor handles again (its batch failed
 * after some records were acknowledged, or the process died between the acknowledgements and storing its position,
 * or another instance took the processor over) are not published twice, and an event whose record failed is
 * published again even when a later record of its partition got through.
 * <p>
 * Each record carries its event's event-store index in the header {@value #HEADER}. Only events after the processor's
 * stored position can be handled again, and their records were sent after every record of the events before it, so
 * they are the records at the end of each partition that follow the last record of an event the stored position
 * covers. Those indexes are read from the partitions at start, after a batch rolled back (its records may or may not
 * have been written) and when the processor gains or loses its segment; in between, what this process sends is
 * added, and a committed batch empties the sets (its position covers everything sent).
 */
final class PublishedEvents {

    static final String HEADER = "hospital-event-index";
    /** How long reading the partitions may take before the batch fails and is retried. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Collection<String> topics;
    private final Function<Collection<String>, Map<TopicPartition, Set<Long>>> reader;
    private Map<TopicPartition, Set<Long>> published;

    /**
     * @param reader reads, per partition of the topics, the indexes of the events after the processor's stored
     *               position that are on the partition
     */
    PublishedEvents(Collection<String> topics, Function<Collection<String>, Map<TopicPartition, Set<Long>>> reader) {
        this.topics = topics;
        this.reader = reader;
    }

    /** Whether the event at {@code index} is already on the partition. */
    synchronized boolean isPublished(TopicPartition partition, long index) {
        if (published == null) {
            published = new HashMap<>(reader.apply(topics));
        }
        return published.getOrDefault(partition, Set.of()).contains(index);
    }

    /** A record of the event at {@code index} was handed to the producer for the partition. */
    synchronized void sent(TopicPartition partition, long index) {
        if (published != null) {
            published.computeIfAbsent(partition, key -> new HashSet<>()).add(index);
        }
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

    static byte[] encode(long index) {
        return Long.toString(index).getBytes(StandardCharsets.US_ASCII);
    }

    /** The index in a record's header; empty when there is none or it cannot be read. */
    static OptionalLong decode(Header header) {
        if (header == null || header.value() == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
