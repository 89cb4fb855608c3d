package org.hospital.query.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.hospital.events.EncounterEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's queue with an ERROR line and a count for every event parked: the one that failed and each later event of
 * its sequence parked behind it. The line names the event (type and id), the encounter (or other sequence), the
 * processing group and the cause; never the payload, which holds patient data.
 * <p>
 * A line is written when the event is parked in the processor's transaction; if that transaction then fails as a
 * whole, the batch is retried and the line may repeat.
 */
final class ReportingDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ReportingDeadLetterQueue.class);

    private final String processingGroup;
    private final SequencedDeadLetterQueue<EventMessage<?>> delegate;
    private final Counter parked;

    ReportingDeadLetterQueue(String processingGroup, SequencedDeadLetterQueue<EventMessage<?>> delegate,
                             MeterRegistry meters) {
        this.processingGroup = processingGroup;
        this.delegate = delegate;
        this.parked = Counter.builder("hospital.dead_letters.parked")
                .description("Events parked in the dead-letter queue (failed, or behind a failed one)")
                .tag("processing_group", processingGroup)
                .register(meters);
    }

    String processingGroup() {
        return processingGroup;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        delegate.enqueue(sequenceIdentifier, letter);
        parked.increment();
        Cause cause = letter.cause().orElse(null);
        log.error("Parked event {} {} of {} in processing group '{}' after a failure: {}: {}",
                type(letter), letter.message().getIdentifier(), sequence(letter, sequenceIdentifier),
                processingGroup, cause == null ? "unknown" : cause.type(), cause == null ? "" : cause.message());
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        DeadLetter<? extends EventMessage<?>>[] built = new DeadLetter[1];
        boolean enqueued = delegate.enqueueIfPresent(sequenceIdentifier, () -> built[0] = letterBuilder.get());
        if (enqueued) {
            parked.increment();
            DeadLetter<? extends EventMessage<?>> letter = built[0];
            log.error("Parked event {} {} of {} in processing group '{}' behind an earlier failed event of the same "
                            + "sequence", letter == null ? "?" : type(letter),
                    letter == null ? "?" : letter.message().getIdentifier(),
                    letter == null ? "sequence " + sequenceIdentifier : sequence(letter, sequenceIdentifier),
                    processingGroup);
        }
        return enqueued;
    }

    private static String type(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message().getPayloadType().getSimpleName();
    }

    private static String sequence(DeadLetter<? extends EventMessage<?>> letter, Object sequenceIdentifier) {
        return letter.message().getPayload() instanceof EncounterEvent
                ? "encounter " + sequenceIdentifier : "sequence " + sequenceIdentifier;
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        delegate.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        delegate.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return delegate.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return delegate.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return delegate.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return delegate.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return delegate.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return delegate.process(sequenceFilter, task);
    }

    @Override
    public boolean process(Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return delegate.process(task);
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
