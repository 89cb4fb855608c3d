package org.hospital.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedKafkaTest {

    @TempDir
    Path directory;

    @Test
    void keepsRecordsAcrossRestarts() throws Exception {
        Path logs = directory.resolve("kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logs, 0)) {
            KafkaRecords.send(kafka, "admissions", "patient-1", "admitted");
            assertThat(KafkaRecords.readAll(kafka, "admissions")).containsExactly("admitted");
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(logs, 0)) {
            assertThat(KafkaRecords.readAll(kafka, "admissions")).containsExactly("admitted");
        }
    }

    @Test
    void restartsOnTheSamePortAndAClientThatKeptRunningCarriesOn() throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "placeholder",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        EmbeddedKafka kafka = EmbeddedKafka.start(directory.resolve("kafka"), 0);
        try {
            Map<String, Object> producerConfig = new HashMap<>(config);
            producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
                producer.send(new ProducerRecord<>("vitals", "1", "before")).get(30, TimeUnit.SECONDS);
                int port = kafka.port();

                kafka = kafka.restart();

                assertThat(kafka.port()).isEqualTo(port);
                // The same producer, never told about the restart, reconnects to the new broker.
                producer.send(new ProducerRecord<>("vitals", "1", "after")).get(60, TimeUnit.SECONDS);
            }
            assertThat(KafkaRecords.readAll(kafka, "vitals")).containsExactly("before", "after");
        } finally {
            kafka.close();
        }
    }

    @Test
    void autoCreatesTopicsWithSixPartitionsOnTheRequestedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(directory.resolve("kafka"), port)) {
            assertThat(kafka.port()).isEqualTo(port);
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);

            KafkaRecords.send(kafka, "vitals", "patient-1", "pulse 72");

            assertThat(partitionCount(kafka, "vitals")).isEqualTo(6);
        }
    }

    @Test
    void refusesALogDirectoryThatIsAlreadyInUse() {
        Path logs = directory.resolve("kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logs, 0)) {
            assertThatThrownBy(() -> EmbeddedKafka.start(logs, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        EmbeddedKafka kafka = EmbeddedKafka.start(directory.resolve("kafka"), 0);
        kafka.close();
        kafka.close();
    }

    private static int partitionCount(EmbeddedKafka kafka, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            return consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
        }
    }
}
