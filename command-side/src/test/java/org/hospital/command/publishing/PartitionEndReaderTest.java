package org.hospital.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/** Against a real broker: what the end of a partition says about the events after the stored position. */
@Tag("integration")
class PartitionEndReaderTest {

    private final String bootstrap = TestInfrastructure.shared().kafka().bootstrapServers();
    private final String topic = "ends-" + UUID.randomUUID();

    @Test
    void findsTheEventsAfterTheStoredPositionIncludingOnesBeyondAHoleAndOneFillingAGap() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        // Partition 0: an earlier publisher's record without headers; events 5-9 (event 7 still open: a gap);
        // the stored position (9, gap 7); then events 11 and 13 (12's send failed) and 7 filling its gap, whose
        // position keeps index 13. Partition 1 stays empty.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, 0, "e", new byte[0])).get();
            send(producer, "e5", position(5));
            send(producer, "e6", position(6));
            send(producer, "e8", position(8, 7));
            send(producer, "e9", position(9, 7));
            send(producer, "e11", position(11, 7, 10));
            send(producer, "e13", position(13, 7, 10, 12));
            send(producer, "e7", position(13, 10, 12));
        }
        GapAwareTrackingToken stored = position(9, 7);

        Map<TopicPartition, Set<String>> after = reader(Optional.of(stored)).apply(List.of(topic));
        Map<TopicPartition, Set<String>> everything = reader(Optional.empty()).apply(List.of(topic));

        assertThat(after).containsEntry(new TopicPartition(topic, 0), Set.of("e11", "e13", "e7"))
                .containsEntry(new TopicPartition(topic, 1), Set.of());
        assertThat(everything.get(new TopicPartition(topic, 0))).as("nothing stored: every event on the partition")
                .containsExactlyInAnyOrder("e5", "e6", "e8", "e9", "e11", "e13", "e7");
    }

    private void send(KafkaProducer<String, byte[]> producer, String event, GapAwareTrackingToken position)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, 0, "e", new byte[0]);
        record.headers().add(PublishedEvents.EVENT_HEADER, event.getBytes());
        record.headers().add(PublishedEvents.POSITION_HEADER, PublishedEvents.encode(position));
        producer.send(record).get();
    }

    private static GapAwareTrackingToken position(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(index,
                LongStream.of(gaps).boxed().collect(Collectors.toCollection(TreeSet::new)));
    }

    private PartitionEndReader reader(Optional<GapAwareTrackingToken> stored) {
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        return new PartitionEndReader(consumers, () -> stored, Duration.ofSeconds(20));
    }
}
