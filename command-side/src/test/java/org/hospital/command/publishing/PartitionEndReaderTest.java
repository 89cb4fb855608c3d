package org.hospital.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/** Against a real broker: what the end of a partition says about the events after the stored position. */
class PartitionEndReaderTest {

    private final String bootstrap = TestInfrastructure.shared().kafka().bootstrapServers();
    private final String topic = "ends-" + UUID.randomUUID();

    @Test
    void findsTheEventsAfterTheStoredPositionIncludingOnesBeyondAHole() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        // Partition 0: an earlier publisher's record without an index, events 5-9, and after the stored position
        // (index 9, gap 7) events 11 and 13 (12's send failed) and the late 7. Partition 1 stays empty.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, 0, "e", new byte[0])).get();
            for (long index : new long[] {5, 6, 8, 9, 11, 13, 7}) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, 0, "e", new byte[0]);
                record.headers().add(PublishedEvents.HEADER, PublishedEvents.encode(index));
                producer.send(record).get();
            }
        }
        GapAwareTrackingToken stored = GapAwareTrackingToken.newInstance(9, new TreeSet<>(Set.of(7L)));

        Map<TopicPartition, Set<Long>> after = reader(Optional.of(stored)).apply(List.of(topic));
        Map<TopicPartition, Set<Long>> everything = reader(Optional.empty()).apply(List.of(topic));

        assertThat(after).containsEntry(new TopicPartition(topic, 0), Set.of(11L, 13L, 7L))
                .containsEntry(new TopicPartition(topic, 1), Set.of());
        assertThat(everything.get(new TopicPartition(topic, 0))).as("nothing stored: every event on the partition")
                .containsExactlyInAnyOrder(5L, 6L, 8L, 9L, 11L, 13L, 7L);
    }

    private PartitionEndReader reader(Optional<GapAwareTrackingToken> stored) {
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        return new PartitionEndReader(consumers, () -> stored, Duration.ofSeconds(20));
    }
}
