package org.hospital.command.publishing;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.platform.messaging.KafkaSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The integration topics' processor ({@link IntegrationTopics}) is a tracking processor on the event store: its
 * position lives in {@code token_entry}, so Kafka being down delays records but loses none, and errors propagate so
 * a failed batch is retried, never skipped. What its partitions already hold is read again whenever the processor
 * gains or loses its segment, since another instance of the command side may have published meanwhile.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class IntegrationTopicsConfiguration {

    @Bean
    PublishedTails publishedTails(ConsumerFactory<String, byte[]> consumerFactory,
                                  EventProcessingConfigurer processing, KafkaSettings settings) {
        PublishedTails tails = new PublishedTails(IntegrationTopics.TOPICS,
                new TopicTailReader(consumerFactory, PublishedTails.READ_TIMEOUT));
        processing.registerTrackingEventProcessor(CommandSideConfiguration.INTEGRATION_TOPICS, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.processorBatchSize())
                                .andEventTrackerStatusChangeListener(statuses -> {
                                    if (statuses.values().stream().anyMatch(
                                            status -> status.trackerAdded() || status.trackerRemoved())) {
                                        tails.forget();
                                    }
                                }))
                .registerListenerInvocationErrorHandler(CommandSideConfiguration.INTEGRATION_TOPICS,
                        c -> PropagatingErrorHandler.instance());
        return tails;
    }
}
