package org.hospital.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.hospital.platform.messaging.TransientFailure;

/**
 * Decides what a failed event becomes. A failure of the event itself (a projection that cannot process it) parks
 * it, counting the attempts in the dead letter's diagnostics. A transient failure (database unreachable, connection
 * lost, deadlock, serialization conflict) is thrown on instead: parking would fill the queue with every event of a
 * database outage, while the processor's retry with back-off resumes by itself once the database is back.
 */
final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String ATTEMPTS = "attempts";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isTransient(cause)) {
            throw cause instanceof TransientFailure failure ? failure
                    : new TransientFailure("Transient failure; the event is retried, not parked", cause);
        }
        long attempts = attempts(letter.diagnostics()) + 1;
        return Decisions.requeue(ThrowableCause.truncated(cause),
                parked -> parked.diagnostics().and(ATTEMPTS, attempts));
    }

    static long attempts(MetaData diagnostics) {
        return diagnostics.get(ATTEMPTS) instanceof Number number ? number.longValue() : 0;
    }

    static boolean isTransient(Throwable failure) {
        return TransientFailure.isTransient(failure);
    }
}
