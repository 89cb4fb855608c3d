package org.hospital.alerting.saga;

import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.hospital.alerting.AlertingSideConfiguration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Progress of the saga's tracking processor in this process. When this process holds no segment of it (another
 * instance of the alerting side does), there is nothing to wait for here and the answer is yes.
 */
@Component
class AxonProcessingProgress implements ProcessingProgress {

    private final Configuration axon;

    AxonProcessingProgress(@Lazy Configuration axon) {
        this.axon = axon;
    }

    @Override
    public boolean isCaughtUp() {
        Map<Integer, EventTrackerStatus> status = axon.eventProcessingConfiguration()
                .eventProcessor(AlertingSideConfiguration.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::processingStatus)
                .orElse(Map.of());
        return status.values().stream().allMatch(segment -> segment.isCaughtUp() && !segment.isErrorState());
    }
}
