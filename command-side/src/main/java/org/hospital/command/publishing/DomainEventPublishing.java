package org.hospital.command.publishing;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.hospital.events.Topics;
import org.hospital.platform.messaging.KafkaSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes every stored event to {@link Topics#DOMAIN_EVENTS} from a tracking processor over the event store, in
 * the Axon Kafka extension's record format (its message converter) and under its processing group name, so its
 * stored token carries on. The extension's own publisher waits for each record's acknowledgement before sending the
 * next; here a batch's records are sent together and awaited once before the token moves on ({@link BatchSends}),
 * so a Kafka outage delays publishing but loses nothing.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DomainEventPublishing {

    static final String PROCESSING_GROUP = "__axon-kafka-event-publishing-group";

    /** Hands each event to Kafka with the rest of its batch. */
    static final class DomainEventPublisher implements EventMessageHandler {

        private final KafkaTemplate<String, byte[]> kafka;
        private final KafkaMessageConverter<String, byte[]> converter;

        DomainEventPublisher(KafkaTemplate<String, byte[]> kafka, KafkaMessageConverter<String, byte[]> converter) {
            this.kafka = kafka;
            this.converter = converter;
        }

        @Override
        public Object handle(EventMessage<?> event) {
            BatchSends.send(kafka, converter.createKafkaMessage(event, Topics.DOMAIN_EVENTS));
            return null;
        }
    }

    /** Errors propagate so the processor retries the batch, never skips it. */
    @Bean
    DomainEventPublisher domainEventPublisher(KafkaTemplate<String, byte[]> kafka,
                                              KafkaMessageConverter<String, byte[]> converter,
                                              EventProcessingConfigurer processing, KafkaSettings settings) {
        DomainEventPublisher publisher = new DomainEventPublisher(kafka, converter);
        processing.registerEventHandler(c -> publisher)
                .assignHandlerInstancesMatching(PROCESSING_GROUP, DomainEventPublisher.class::isInstance)
                .registerTrackingEventProcessor(PROCESSING_GROUP, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.processorBatchSize()))
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
        return publisher;
    }
}
