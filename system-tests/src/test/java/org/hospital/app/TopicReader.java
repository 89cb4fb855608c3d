package org.hospital.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a whole topic from the beginning as a plain Kafka consumer that knows nothing of Axon, the way another
 * hospital system would.
 */
final class TopicReader implements AutoCloseable {

    record Message(String key, JsonNode value) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Message> messages = new ArrayList<>();

    TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "group.id", "test-reader-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Everything read so far, after one more poll. */
    List<Message> poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            messages.add(new Message(record.key(), HttpApi.JSON.readTree(record.value())));
        }
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
