package org.hospital.alerting.saga;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.hospital.events.AlertCommand;
import org.hospital.events.EscalateAlert;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.Topics;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.messaging.EncounterSequencingPolicy;
import org.hospital.platform.messaging.MessagingConfiguration;
import org.hospital.platform.messaging.PlainJson;

/**
 * The alerting side's Kafka surroundings for tests, usable while no application runs: domain events written as the
 * command side's publisher writes them, and the requests the saga sent on {@code alert-commands}, read from the
 * beginning of the topic and parsed by their type header. The broker is shared by every test class of the JVM, so
 * callers filter by encounter.
 */
final class KafkaTopics implements AutoCloseable {

    private static final Map<String, Class<? extends AlertCommand>> COMMAND_TYPES = Map.of(
            "RaiseAlert", RaiseAlert.class, "RecordAlertRepeat", RecordAlertRepeat.class,
            "EscalateAlert", EscalateAlert.class, "RecordNews2Score", RecordNews2Score.class);

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    private KafkaTopics(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        converter = DefaultKafkaMessageConverter.builder()
                .serializer(JacksonSerializer.builder().objectMapper(MessagingConfiguration.eventObjectMapper()).build())
                .sequencingPolicy(EncounterSequencingPolicy.INSTANCE)
                .build();
    }

    /** Connects to the shared broker; the topics must exist (an application context created them). */
    static KafkaTopics connect() {
        KafkaTopics topics = new KafkaTopics(TestInfrastructure.shared().kafka().bootstrapServers());
        List<TopicPartition> partitions = topics.consumer.partitionsFor(Topics.ALERT_COMMANDS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            topics.close();
            throw new IllegalStateException(Topics.ALERT_COMMANDS + " does not exist yet");
        }
        topics.consumer.assign(partitions);
        topics.consumer.seekToBeginning(partitions);
        return topics;
    }

    /** Publishes a domain event as the command side does (Axon's Kafka format, keyed by encounter) and waits. */
    void publish(Object event) {
        try {
            producer.send(converter.createKafkaMessage(GenericEventMessage.asEventMessage(event),
                    Topics.DOMAIN_EVENTS)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + event.getClass().getSimpleName(), e);
        }
    }

    /** Every request the saga sent for an encounter so far, in order. */
    List<AlertCommand> commandsOf(long encounter) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received.stream()
                .filter(r -> String.valueOf(encounter).equals(r.key()))
                .map(KafkaTopics::command)
                .toList();
    }

    <T extends AlertCommand> List<T> commandsOf(long encounter, Class<T> type) {
        return commandsOf(encounter).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static AlertCommand command(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(AlertCommand.TYPE_HEADER);
        String type = header == null ? "RaiseAlert" : new String(header.value(), StandardCharsets.UTF_8);
        return PlainJson.read(record.value(), COMMAND_TYPES.get(type));
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
