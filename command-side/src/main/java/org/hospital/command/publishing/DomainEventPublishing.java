package org.hospital.command.publishing;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.DefaultProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.serialization.Serializer;
import org.hospital.events.Topics;
import org.hospital.platform.messaging.KafkaSettings;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * Publishes every stored event to {@link Topics#DOMAIN_EVENTS}, wired by hand as the extension's auto-configuration
 * would (it is not used here). A tracking processor over the event store waits for the broker's acknowledgement of
 * each record before its token moves on, so a Kafka outage delays publishing but loses nothing.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DomainEventPublishing {

    static final String PROCESSING_GROUP = KafkaEventPublisher.DEFAULT_PROCESSING_GROUP;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    @Bean(destroyMethod = "shutDown")
    ProducerFactory<String, byte[]> axonKafkaProducerFactory(KafkaProperties kafka) {
        var properties = kafka.buildProducerProperties();
        properties.put("key.serializer", StringSerializer.class);
        properties.put("value.serializer", ByteArraySerializer.class);
        return DefaultProducerFactory.<String, byte[]>builder()
                .configuration(properties)
                .confirmationMode(ConfirmationMode.WAIT_FOR_ACK)
                .build();
    }

    @Bean(destroyMethod = "shutDown")
    KafkaPublisher<String, byte[]> kafkaPublisher(@Qualifier("eventSerializer") Serializer serializer,
                                                  ProducerFactory<String, byte[]> axonKafkaProducerFactory,
                                                  KafkaMessageConverter<String, byte[]> converter) {
        return KafkaPublisher.<String, byte[]>builder()
                .serializer(serializer)
                .producerFactory(axonKafkaProducerFactory)
                .messageConverter(converter)
                .topicResolver(event -> Optional.of(Topics.DOMAIN_EVENTS))
                .publisherAckTimeout(ACK_TIMEOUT.toMillis())
                .build();
    }

    /** Registered the way the extension does it; the processor's errors propagate so it retries, never skips. */
    @Bean
    KafkaEventPublisher<String, byte[]> kafkaEventPublisher(KafkaPublisher<String, byte[]> kafkaPublisher,
                                                            EventProcessingConfigurer processing,
                                                            KafkaSettings settings) {
        KafkaEventPublisher<String, byte[]> publisher = KafkaEventPublisher.<String, byte[]>builder()
                .processingGroup(PROCESSING_GROUP)
                .kafkaPublisher(kafkaPublisher)
                .build();
        processing.registerEventHandler(c -> publisher)
                .assignHandlerTypesMatching(PROCESSING_GROUP, KafkaEventPublisher.class::isAssignableFrom)
                .registerTrackingEventProcessor(PROCESSING_GROUP, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.processorBatchSize()))
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
        return publisher;
    }
}
