package org.hospital.command.publishing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.WrappedToken;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.platform.messaging.KafkaSettings;
import org.hospital.platform.messaging.ProcessorLag;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The integration topics' processor ({@link IntegrationTopics}) is a tracking processor on the event store: its
 * position lives in {@code token_entry}, so Kafka being down delays records but loses none, and errors propagate so
 * a failed batch is retried, never skipped. What its partitions already hold is read again whenever the processor
 * gains or loses its segment, since another instance of the command side may have published meanwhile.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class IntegrationTopicsConfiguration {

    /**
     * How far behind this processor is: the last hop of an alert to the {@code alerts} topic, which the command side
     * counts with the saga's own lag when it admits readings (docs/architecture.md, Under overload).
     */
    @Bean
    ProcessorLag integrationTopicsLag(EventProcessingConfigurer processing, Clock clock) {
        ProcessorLag lag = new ProcessorLag(clock, Instant.EPOCH);
        processing.registerHandlerInterceptor(CommandSideConfiguration.INTEGRATION_TOPICS, axon -> lag);
        return lag;
    }

    @Bean
    PublishedEvents publishedEvents(ConsumerFactory<String, byte[]> consumerFactory, @Lazy Configuration axon,
                                    EventProcessingConfigurer processing, KafkaSettings settings) {
        // The position the processor's status holds while it handles a batch: the one it claimed or last committed.
        // (The token store may already hold the batch's own end by then.)
        Supplier<Optional<GapAwareTrackingToken>> storedPosition = () -> axon.eventProcessingConfiguration()
                .eventProcessor(CommandSideConfiguration.INTEGRATION_TOPICS, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().get(0))
                .map(EventTrackerStatus::getTrackingToken)
                .flatMap(token -> WrappedToken.unwrap(token, GapAwareTrackingToken.class));
        PublishedEvents published = new PublishedEvents(IntegrationTopics.TOPICS,
                new PartitionEndReader(consumerFactory, storedPosition, PublishedEvents.READ_TIMEOUT));
        processing.registerTrackingEventProcessor(CommandSideConfiguration.INTEGRATION_TOPICS, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.processorBatchSize())
                                .andEventTrackerStatusChangeListener(statuses -> {
                                    if (statuses.values().stream().anyMatch(
                                            status -> status.trackerAdded() || status.trackerRemoved())) {
                                        published.forget();
                                    }
                                }))
                .registerListenerInvocationErrorHandler(CommandSideConfiguration.INTEGRATION_TOPICS,
                        c -> PropagatingErrorHandler.instance());
        return published;
    }
}
