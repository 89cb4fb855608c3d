package org.hospital.command.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.GapAwareTrackingToken;

/**
 * What is already on the integration topics, so that events the processor handles again (its batch failed after
 * some records were acknowledged, or the process died between the acknowledgements and storing its position) are
 * not published twice. Each record carries, in the header {@value #HEADER}, the processor's position at its event:
 * the event-store index it had reached and the gaps below it (events of transactions still open, delivered later). An
 * event was published on a partition exactly when the partition's last record's position covers the event's index:
 * events of one partition are sent, and written, in the processor's order.
 * <p>
 * The positions are known in memory while this process publishes; they are read again from the partitions' last
 * records whenever that knowledge may be wrong: at start, after a batch rolled back (its records may or may not have
 * been written), and when the processor gains or loses its segment (another instance may have published meanwhile).
 */
final class PublishedTails {

    static final String HEADER = "hospital-published-through";

    private final Function<Collection<String>, Map<TopicPartition, Optional<GapAwareTrackingToken>>> tailReader;
    private final Collection<String> topics;
    private Map<TopicPartition, Optional<GapAwareTrackingToken>> tails;

    /**
     * @param tailReader reads the position header of the last record of every partition of the topics (empty for an
     *                   empty partition or a record without the header)
     */
    PublishedTails(Collection<String> topics,
                   Function<Collection<String>, Map<TopicPartition, Optional<GapAwareTrackingToken>>> tailReader) {
        this.topics = topics;
        this.tailReader = tailReader;
    }

    /** Whether the event at {@code index} is already on the partition. */
    synchronized boolean isPublished(TopicPartition partition, long index) {
        if (tails == null) {
            tails = new HashMap<>(tailReader.apply(topics));
        }
        return tails.getOrDefault(partition, Optional.empty())
                .map(last -> index <= last.getIndex() && !last.getGaps().contains(index))
                .orElse(false);
    }

    /** A record at this position was handed to the producer for the partition. */
    synchronized void sent(TopicPartition partition, GapAwareTrackingToken position) {
        if (tails != null) {
            tails.put(partition, Optional.of(position));
        }
    }

    /** What is on the topics is no longer known here; it is read again before the next check. */
    synchronized void forget() {
        tails = null;
    }

    /** The header value: the index, then the gaps, comma-separated ("1042" or "1042,1017,1020"). */
    static byte[] encode(GapAwareTrackingToken position) {
        StringBuilder value = new StringBuilder().append(position.getIndex());
        for (long gap : position.getGaps()) {
            value.append(',').append(gap);
        }
        return value.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The position in a record's header; empty when there is none or it cannot be read (then nothing is skipped). */
    static Optional<GapAwareTrackingToken> decode(Header header) {
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

    /** How long reading the partitions' last records may take before the batch fails and is retried. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
}
