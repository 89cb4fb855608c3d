package org.hospital.alerting.deadletter;

import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hospital.events.EncounterEvent;
import org.hospital.platform.messaging.EncounterSequencingPolicy;
import org.hospital.platform.messaging.TransientFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks poison events of the saga's processor in the processor's own unit of work, so a crash parks nothing twice
 * and loses nothing. Axon gives sagas no dead-letter queue and a failed saga has half changed its state, so a failure
 * is remembered and fails its batch, and the retried batch parks the event unhandled; an encounter's later events wait
 * behind it, and only the segment that handles the encounter's saga parks them (docs/architecture.md, Poison events).
 */
final class SagaDeadLettering implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadLettering.class);
    /** Failed events waiting for their batch's retry; a bound in case that retry happens on another instance. */
    private static final int MAX_REMEMBERED_FAILURES = 1000;

    private final SagaDeadLetterStore parked;
    private final Counter parkedCount;
    private final Clock clock;
    private final Supplier<StreamingEventProcessor> processor;
    private final String parkedResourceKey;
    /** Where Axon's tracking processor keeps the segment of the batch in its unit of work. */
    private final String segmentResourceKey;
    private final Map<String, SagaDeadLetterStore.Failure> failed = Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SagaDeadLetterStore.Failure> eldest) {
                    return size() > MAX_REMEMBERED_FAILURES;
                }
            });

    SagaDeadLettering(SagaDeadLetterStore parked, Counter parkedCount, Clock clock, Supplier<StreamingEventProcessor> processor) {
        this.parked = parked;
        this.parkedCount = parkedCount;
        this.clock = clock;
        this.processor = processor;
        this.parkedResourceKey = SagaDeadLettering.class.getName() + "/" + parked.processingGroup();
        this.segmentResourceKey = "Processor[" + parked.processingGroup() + "]/SegmentId";
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        String sequence = sequenceOf(event);
        Set<String> parkedSequences = parkedSequences(unitOfWork);
        Segment segment = segmentOf(unitOfWork);
        String failureKey = segment.getSegmentId() + "/" + event.getIdentifier();
        SagaDeadLetterStore.Failure failure = failed.get(failureKey);
        if (failure != null) {
            boolean inserted = parked.parkFailed(event, sequence, failure, clock.instant());
            parkedSequences.add(sequence);
            unitOfWork.afterCommit(u -> {
                failed.remove(failureKey);
                if (inserted) {
                    parkedCount.increment();
                    log.error("Parked event {} {} of {} in processing group '{}' after a failure: {}",
                            event.getPayloadType().getSimpleName(), event.getIdentifier(), describe(sequence, event),
                            parked.processingGroup(), failure.type());
                }
            });
            return null;
        }
        if (parkedSequences.contains(sequence)
                && SagaSegments.owns(segment, sequence, parked.sagasOf(sequence))) {
            if (parked.parkBehind(event, sequence, clock.instant())) {
                unitOfWork.afterCommit(u -> {
                    parkedCount.increment();
                    log.error("Parked event {} {} of {} in processing group '{}' behind an earlier failed event of "
                                    + "the same encounter", event.getPayloadType().getSimpleName(),
                            event.getIdentifier(), describe(sequence, event), parked.processingGroup());
                });
                return null;
            }
            // A retry has just handled the last parked event: this one comes next, handled as usual.
            parkedSequences.remove(sequence);
        }
        try {
            return interceptorChain.proceed();
        } catch (Exception e) {
            if (!TransientFailure.isTransient(e)) {
                failed.put(failureKey, SagaDeadLetterStore.Failure.of(e, clock.instant()));
                log.warn("Event {} {} of {} failed in processing group '{}' ({}): the batch is rolled back and "
                                + "retried, and the event parked", event.getPayloadType().getSimpleName(),
                        event.getIdentifier(), describe(sequence, event), parked.processingGroup(),
                        e.getClass().getName());
            }
            throw e;
        }
    }

    /** The parked encounters among the batch's, read at its first event and kept up to date by this batch. */
    private Set<String> parkedSequences(UnitOfWork<? extends EventMessage<?>> unitOfWork) {
        return unitOfWork.getOrComputeResource(parkedResourceKey, key -> {
            List<? extends EventMessage<?>> batch = unitOfWork instanceof BatchingUnitOfWork<?> batching
                    ? batching.getMessages().stream().map(m -> (EventMessage<?>) m).toList()
                    : List.of(unitOfWork.getMessage());
            return parked.parkedAmong(batch.stream().map(SagaDeadLettering::sequenceOf).distinct().toList());
        });
    }

    /** The batch's segment; the root segment (everything) when the processor does not say. */
    private Segment segmentOf(UnitOfWork<? extends EventMessage<?>> unitOfWork) {
        Integer segmentId = unitOfWork.getResource(segmentResourceKey);
        if (segmentId == null) {
            return Segment.ROOT_SEGMENT;
        }
        EventTrackerStatus status = processor.get().processingStatus().get(segmentId);
        return status == null ? Segment.ROOT_SEGMENT : status.getSegment();
    }

    /** The processor's sequence of the event: its encounter, else its aggregate, else the event alone. */
    static String sequenceOf(EventMessage<?> event) {
        Object sequence = EncounterSequencingPolicy.INSTANCE.getSequenceIdentifierFor(event);
        return sequence != null ? sequence.toString() : event.getIdentifier();
    }

    private static String describe(String sequence, EventMessage<?> event) {
        return event.getPayload() instanceof EncounterEvent
                ? "encounter " + sequence : "sequence " + sequence;
    }
}
