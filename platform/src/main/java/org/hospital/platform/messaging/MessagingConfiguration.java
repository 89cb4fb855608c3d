package org.hospital.platform.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.AsyncFetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.hospital.events.EventMetadata;
import org.hospital.events.Topics;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.TopicBuilder;

/**
 * How events are written and travel: JSON in snake_case for events (in the event store and as the plain value of every
 * Kafka record), Axon's own types in default JSON, the topics of docs/api.md, Kafka topics, the domain-event source
 * that the query side and the alerting saga read, and the audit metadata copied from each command to its events.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
public class MessagingConfiguration {

    /** Axon's general mapper (tokens, sagas, metadata): Java-time aware, tolerant of unknown fields. */
    @Bean
    @Primary
    ObjectMapper defaultAxonObjectMapper() {
        return axonObjectMapper();
    }

    /** As the {@code defaultAxonObjectMapper} bean; for code and tests that serialise Axon's types outside Spring. */
    public static ObjectMapper axonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The published language's mapper: snake_case JSON, ISO timestamps, tolerant readers for evolving events. */
    public static ObjectMapper eventObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        // No default typing: events are plain JSON (the published language), typed by their record components.
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(@Qualifier("eventSerializer") Serializer eventSerializer) {
        return eventSerializer;
    }

    @Bean
    CorrelationDataProvider auditMetadataProvider() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR_USER_ID, EventMetadata.ACTOR_ROLE,
                EventMetadata.ACTOR_DEVICE_ID, EventMetadata.REQUEST_ID, EventMetadata.CLIENT_ADDRESS);
    }

    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer serializer,
                                                                Configuration axon) {
        return new PositionCarryingConverter(DefaultKafkaMessageConverter.builder()
                .serializer(serializer)
                .sequencingPolicy(EncounterSequencingPolicy.INSTANCE)
                .upcasterChain(axon.upcasterChain() != null ? axon.upcasterChain() : new EventUpcasterChain())
                .build());
    }

    @Bean
    NewTopic domainEventsTopic(KafkaSettings settings) {
        return topic(Topics.DOMAIN_EVENTS, settings);
    }

    @Bean
    NewTopic vitalsStreamTopic(KafkaSettings settings) {
        return topic(Topics.VITALS_STREAM, settings);
    }

    @Bean
    NewTopic alertsTopic(KafkaSettings settings) {
        return topic(Topics.ALERTS, settings);
    }

    @Bean
    NewTopic alertCommandsTopic(KafkaSettings settings) {
        return topic(Topics.ALERT_COMMANDS, settings);
    }

    private static NewTopic topic(String name, KafkaSettings settings) {
        return TopicBuilder.name(name).partitions(settings.partitions()).replicas(settings.replicationFactor())
                .build();
    }

    @Bean
    ConsumerFactory<String, byte[]> axonKafkaConsumerFactory(KafkaProperties kafka) {
        var properties = kafka.buildConsumerProperties();
        properties.put("key.deserializer", StringDeserializer.class);
        properties.put("value.deserializer", ByteArrayDeserializer.class);
        properties.put("enable.auto.commit", false);
        return new DefaultConsumerFactory<>(properties);
    }

    @Bean(destroyMethod = "shutdown")
    Fetcher<String, byte[], KafkaEventMessage> axonKafkaFetcher() {
        return AsyncFetcher.<String, byte[], KafkaEventMessage>builder().pollTimeout(500).build();
    }

    /**
     * The domain-event topic as an Axon message source. Processors bound to it keep their position (a Kafka
     * tracking token) in PostgreSQL with their own state, so a restart continues exactly where it stopped.
     */
    @Bean
    StreamableKafkaMessageSource<String, byte[]> domainEventSource(
            @Qualifier("eventSerializer") Serializer serializer, ConsumerFactory<String, byte[]> consumerFactory,
            Fetcher<String, byte[], KafkaEventMessage> fetcher, KafkaMessageConverter<String, byte[]> converter) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(Topics.DOMAIN_EVENTS))
                .serializer(serializer)
                .consumerFactory(consumerFactory)
                .fetcher(fetcher)
                .messageConverter(converter)
                .bufferFactory(() -> new SortedKafkaMessageBuffer<>(10_000))
                .build();
    }
}
