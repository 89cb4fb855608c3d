package org.hospital.query.deadletter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.messaging.PositionCarryingConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lists the projections' parked events and retries them, per processing group and optionally per sequence
 * (encounter). The alerting saga's parked events are the alerting side's, which owns their table and serves them
 * itself ({@code /admin/alerting/dead-letters}): an unknown group here, like any other.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final EventProcessingConfiguration processing;
    private final Map<String, ReportingDeadLetterQueue> queues = new LinkedHashMap<>();

    DeadLetters(EventProcessingConfiguration processing, List<ReportingDeadLetterQueue> queues) {
        this.processing = processing;
        queues.forEach(queue -> this.queues.put(queue.processingGroup(), queue));
    }

    DeadLetterList list(String processingGroup, int limit) {
        List<ReportingDeadLetterQueue> selectedQueues = selected(processingGroup);
        List<DeadLetterView> events = new ArrayList<>();
        long totalEvents = 0;
        long totalSequences = 0;
        boolean truncated = false;
        for (ReportingDeadLetterQueue queue : selectedQueues) {
            totalEvents += queue.size();
            totalSequences += queue.amountOfSequences();
            if (truncated) {
                continue;
            }
            letters:
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (events.size() >= limit) {
                        truncated = true;
                        break letters;
                    }
                    events.add(describe(queue.processingGroup(), letter));
                }
            }
        }
        return new DeadLetterList(totalSequences, totalEvents, truncated, events);
    }

    /**
     * Processes every parked sequence (or the one named) from its first event on, in order, with the projections'
     * handlers. A sequence that fails again stays parked from the failing event on, its attempt counted. A sequence
     * named with nothing parked is retried zero times, not refused: it may have been cleared meanwhile.
     */
    RetryResult retry(String processingGroup, String sequence) {
        int retried = 0;
        int cleared = 0;
        int failed = 0;
        long processed = 0;
        long stillParked = 0;
        for (ReportingDeadLetterQueue queue : selected(processingGroup)) {
            SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                    .sequencedDeadLetterProcessor(queue.processingGroup())
                    .orElseThrow(() -> new IllegalStateException(
                            "No dead-letter processor for " + queue.processingGroup()));
            for (Map.Entry<String, String> head : heads(queue, sequence).entrySet()) {
                String sequenceId = head.getKey();
                String firstEventId = head.getValue();
                long before = queue.sequenceSize(sequenceId);
                boolean done;
                try {
                    done = processor.process(letter -> letter.message().getIdentifier().equals(firstEventId));
                } catch (RuntimeException e) {
                    log.warn("Retry of sequence {} in processing group '{}' failed", sequenceId,
                            queue.processingGroup(), e);
                    done = false;
                }
                long after = queue.sequenceSize(sequenceId);
                retried++;
                processed += Math.max(0, before - after);
                if (done && after == 0) {
                    cleared++;
                } else {
                    failed++;
                }
            }
            stillParked += queue.size();
        }
        log.info("Dead-letter retry: {} sequences retried, {} cleared, {} failed again; {} events processed, {} "
                + "still parked", retried, cleared, failed, processed, stillParked);
        return new RetryResult(retried, cleared, failed, processed, stillParked);
    }

    /** The first event of each parked sequence, taken before any is processed: sequence id to event id. */
    private static Map<String, String> heads(ReportingDeadLetterQueue queue, String onlySequence) {
        Map<String, String> heads = new LinkedHashMap<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                String sequenceId = sequenceOf(letter);
                if (onlySequence == null || onlySequence.equals(sequenceId)) {
                    heads.put(sequenceId, letter.message().getIdentifier());
                }
                break;
            }
        }
        return heads;
    }

    /** The queues selected: all, or the one named. */
    private List<ReportingDeadLetterQueue> selected(String processingGroup) {
        if (processingGroup == null) {
            return List.copyOf(queues.values());
        }
        ReportingDeadLetterQueue queue = queues.get(processingGroup);
        if (queue == null) {
            throw new NotFoundException("Processing group with a dead-letter queue");
        }
        return List.of(queue);
    }

    private static DeadLetterView describe(String processingGroup, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        Cause cause = letter.cause().orElse(null);
        Object position = event.getMetaData().get(PositionCarryingConverter.METADATA_KEY);
        return new DeadLetterView(processingGroup, sequenceOf(letter),
                letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIndex() : -1,
                event.getPayloadType().getSimpleName(), event.getIdentifier(),
                position instanceof Number number ? number.longValue() : null,
                cause == null ? null : cause.type(), cause == null ? null : cause.message(),
                letter.enqueuedAt(), letter.lastTouched(), DeadLetterPolicy.attempts(letter.diagnostics()));
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JdbcDeadLetter<?> jdbc) {
            return jdbc.getSequenceIdentifier();
        }
        throw new IllegalStateException("Unexpected dead letter " + letter.getClass().getName());
    }
}
