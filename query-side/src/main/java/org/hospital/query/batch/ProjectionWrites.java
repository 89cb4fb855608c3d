package org.hospital.query.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.hospital.platform.messaging.BeforeCommit;
import org.hospital.platform.messaging.TransientFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a projection's rows in batches: each handler adds its row, and all the rows of one kind that a processor
 * batch added are written with one statement right before the batch's transaction commits (so the write counts once
 * per batch, not once per event, and still commits with the processor's position).
 * <p>
 * The dead-letter queue needs the writes of each event apart, to undo a poison event's writes alone and park it.
 * So rows are written at once, one event at a time, while that is needed: when a batch's combined write failed for a
 * reason other than a transient one (the batch is then retried one event at a time, each event behind a savepoint,
 * until a retry commits), and while parked events are retried. Outside a transaction rows are written at once too.
 */
@Component
public class ProjectionWrites {

    private static final Logger log = LoggerFactory.getLogger(ProjectionWrites.class);

    private volatile boolean oneByOne;

    /**
     * Adds {@code row} to the batch's rows under {@code kind}, which {@code writeAll} writes together before commit;
     * or writes it at once. {@code kind} must be one object per kind of row (a constant of the projection).
     */
    public <T> void add(Object kind, T row, Consumer<List<T>> writeAll) {
        if (oneByOne || isRetriedDeadLetter()) {
            writeAll.accept(List.of(row));
            return;
        }
        BeforeCommit.collection(kind, 0, ArrayList<T>::new, rows -> writeTogether(rows, writeAll))
                .ifPresentOrElse(rows -> rows.add(row), () -> writeAll.accept(List.of(row)));
    }

    /** Whether events are written one at a time (after a batch's combined write failed). */
    public boolean oneByOne() {
        return oneByOne;
    }

    /** From now on, one event at a time: a batch failed, and the retry must tell which event failed it. */
    public void writeOneByOne() {
        oneByOne = true;
    }

    /** Back to combined writes: a batch written one event at a time has committed. */
    public void combineAgain() {
        oneByOne = false;
    }

    private <T> void writeTogether(List<T> rows, Consumer<List<T>> writeAll) {
        try {
            writeAll.accept(rows);
        } catch (RuntimeException failure) {
            if (TransientFailure.isTransient(failure)) {
                throw failure;
            }
            writeOneByOne();
            log.warn("A batch's combined projection write failed ({}): retrying the batch one event at a time, to "
                    + "park the event that fails", failure.getClass().getName());
            throw new TransientFailure("Retrying the batch one event at a time", failure);
        }
    }

    private static boolean isRetriedDeadLetter() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }
}
