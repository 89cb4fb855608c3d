package org.hospital.platform.messaging;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;

/**
 * Registers a processing group as a tracking processor reading the domain-event topic. Errors propagate: a
 * handler that fails stops its segment and retries with back-off instead of skipping the event, so nothing is
 * lost and per-encounter order holds.
 */
public final class KafkaProcessors {

    private KafkaProcessors() {
    }

    public static void register(EventProcessingConfigurer configurer, String processingGroup,
                                StreamableKafkaMessageSource<String, byte[]> source, KafkaSettings settings) {
        configurer.registerTrackingEventProcessor(processingGroup, c -> source,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.processorBatchSize()))
                .registerListenerInvocationErrorHandler(processingGroup, c -> PropagatingErrorHandler.instance())
                .registerSequencingPolicy(processingGroup, c -> EncounterSequencingPolicy.INSTANCE);
    }
}
