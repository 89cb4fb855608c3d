package org.hospital.command.publishing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Reads, for every partition of the given topics, the event identifiers of the records that follow the last record
 * whose position the processor's stored position covers (or without a position: an earlier publisher's), all of a
 * partition's records when nothing is stored. It reads
 * a window at the end of each partition and widens it until the window starts with a covered event or at the
 * partition's start. Its consumer is assigned the partitions: no group, no committed offsets.
 */
final class PartitionEndReader implements Function<Collection<String>, Map<TopicPartition, Set<String>>> {

    private static final int FIRST_WINDOW = 256;

    private final ConsumerFactory<String, byte[]> consumers;
    private final Supplier<Optional<GapAwareTrackingToken>> storedPosition;
    private final Duration timeout;

    PartitionEndReader(ConsumerFactory<String, byte[]> consumers,
                       Supplier<Optional<GapAwareTrackingToken>> storedPosition, Duration timeout) {
        this.consumers = consumers;
        this.storedPosition = storedPosition;
        this.timeout = timeout;
    }

    @Override
    public Map<TopicPartition, Set<String>> apply(Collection<String> topics) {
        Optional<GapAwareTrackingToken> position = storedPosition.get();
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "integration-topics-ends", null,
                overrides)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, timeout)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Set<String>> published = new HashMap<>();
            for (TopicPartition partition : partitions) {
                published.put(partition, afterStoredPosition(consumer, partition, starts.get(partition),
                        ends.get(partition), position));
            }
            return published;
        }
    }

    private Set<String> afterStoredPosition(Consumer<String, byte[]> consumer, TopicPartition partition, long start,
                                            long end, Optional<GapAwareTrackingToken> position) {
        for (long window = FIRST_WINDOW; ; window *= 2) {
            long from = Math.max(start, end - window);
            List<ConsumerRecord<String, byte[]>> records = read(consumer, partition, from, end);
            Set<String> after = new HashSet<>();
            boolean reachedCovered = false;
            for (int i = records.size() - 1; i >= 0 && !reachedCovered; i--) {
                ConsumerRecord<String, byte[]> record = records.get(i);
                Optional<GapAwareTrackingToken> at = PublishedEvents.decodePosition(
                        record.headers().lastHeader(PublishedEvents.POSITION_HEADER));
                Optional<String> event = PublishedEvents.decodeEvent(
                        record.headers().lastHeader(PublishedEvents.EVENT_HEADER));
                // A record without them comes from an earlier publisher, before anything still to be handled.
                if (at.isEmpty() || event.isEmpty() || position.map(p -> p.covers(at.get())).orElse(false)) {
                    reachedCovered = true;
                } else {
                    after.add(event.get());
                }
            }
            if (reachedCovered || from == start) {
                return after;
            }
        }
    }

    /** The records from offset {@code from} to the end, in offset order. */
    private List<ConsumerRecord<String, byte[]>> read(Consumer<String, byte[]> consumer, TopicPartition partition,
                                                      long from, long end) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        if (from >= end) {
            return records;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The end of " + partition + " could not be read in "
                        + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
