package org.hospital.command;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hospital.infra.TestInfrastructure;

/** Plain consumers of this JVM's broker, as a consumer outside the system would read a topic. */
final class TopicConsumers {

    private TopicConsumers() {
    }

    /** A consumer of a group of its own that starts at the beginning of whatever it subscribes to. */
    static KafkaConsumer<String, byte[]> fromTheStart() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(properties);
    }

    /** Every record of the key on the topic, read from the start until {@code enough} holds (at most {@code wait}). */
    static List<ConsumerRecord<String, byte[]>> records(String topic, String key, Duration wait,
                                                        Predicate<List<ConsumerRecord<String, byte[]>>> enough) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (var consumer = fromTheStart()) {
            consumer.subscribe(List.of(topic));
            await().atMost(wait).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        seen.add(record);
                    }
                }
                return enough.test(seen);
            });
        }
        return seen;
    }
}
