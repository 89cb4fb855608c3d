package org.hospital.command.publishing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Reads the publication position of the last record of every partition of the given topics, with a consumer of its
 * own that is assigned the partitions (no group, no committed offsets).
 */
final class TopicTailReader implements Function<Collection<String>, Map<TopicPartition, Optional<GapAwareTrackingToken>>> {

    private final ConsumerFactory<String, byte[]> consumers;
    private final Duration timeout;

    TopicTailReader(ConsumerFactory<String, byte[]> consumers, Duration timeout) {
        this.consumers = consumers;
        this.timeout = timeout;
    }

    @Override
    public Map<TopicPartition, Optional<GapAwareTrackingToken>> apply(Collection<String> topics) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "integration-topics-tails", null,
                overrides)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, timeout)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Optional<GapAwareTrackingToken>> tails = new HashMap<>();
            List<TopicPartition> nonEmpty = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                tails.put(partition, Optional.empty());
                if (ends.get(partition) > starts.get(partition)) {
                    nonEmpty.add(partition);
                }
            }
            consumer.assign(nonEmpty);
            nonEmpty.forEach(partition -> consumer.seek(partition, ends.get(partition) - 1));
            List<TopicPartition> waiting = new ArrayList<>(nonEmpty);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The last records of " + waiting + " could not be read in "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() == ends.get(partition) - 1) {
                        tails.put(partition, PublishedTails.decode(record.headers().lastHeader(PublishedTails.HEADER)));
                        waiting.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
            return tails;
        }
    }
}
