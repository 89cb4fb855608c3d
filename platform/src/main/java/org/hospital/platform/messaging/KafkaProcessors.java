package org.hospital.platform.messaging;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;

/**
 * Registers a processing group as a tracking processor reading the domain-event topic. Errors propagate: a
 * handler that fails stops its segment and retries with back-off instead of skipping the event, so nothing is
 * lost and per-encounter order holds. A side may register a dead-letter queue on its group in addition (the query
 * side's projections do): Axon's dead-lettering handler invoker then parks a failing event with the later events of
 * its sequence (the encounter, {@link EncounterSequencingPolicy}) instead, and uses its own error handler. Sagas take
 * no dead-letter queue.
 * <p>
 * A processor without a stored token starts at the beginning of the topic as normal processing, not as a replay
 * (Axon's default would be a replay up to the head, which sagas ignore): a side deployed later than the command side
 * still builds every projection and every encounter's saga from the history.
 */
public final class KafkaProcessors {

    private KafkaProcessors() {
    }

    public static void register(EventProcessingConfigurer configurer, String processingGroup,
                                StreamableKafkaMessageSource<String, byte[]> source, KafkaSettings settings) {
        register(configurer, processingGroup, source, settings.processorBatchSize(), 1);
    }

    /**
     * As {@link #register(EventProcessingConfigurer, String, StreamableKafkaMessageSource, KafkaSettings)}, with
     * batches of at most {@code batchSize} events, split into {@code segments} segments with as many threads when the
     * processor first starts. Each segment reads the whole topic and handles the encounters that fall into it
     * ({@link EncounterSequencingPolicy}), so an encounter's events stay in order in one segment. The count applies
     * only while no token is stored: an existing processor keeps its segments.
     */
    public static void register(EventProcessingConfigurer configurer, String processingGroup,
                                StreamableKafkaMessageSource<String, byte[]> source, int batchSize,
                                int segments) {
        configurer.registerTrackingEventProcessor(processingGroup, c -> source,
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                                .andInitialSegmentsCount(segments)
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(processingGroup, c -> PropagatingErrorHandler.instance())
                .registerSequencingPolicy(processingGroup, c -> EncounterSequencingPolicy.INSTANCE);
    }
}
