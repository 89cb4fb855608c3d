package org.hospital.query.consistency;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes threads that wait for projection rows as soon as the transaction that wrote them commits, instead of at their
 * next poll. Only commits in this process are seen: waiters still poll for rows written by other instances.
 */
public final class CommitSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long version;

    /**
     * Signals when the current transaction commits (at once outside a transaction). Registered once per transaction,
     * however many rows the transaction writes.
     */
    public void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            signal();
            return;
        }
        boolean registered = TransactionSynchronizationManager.getSynchronizations().stream()
                .anyMatch(s -> s instanceof Wakeup wakeup && wakeup.owner() == this);
        if (!registered) {
            TransactionSynchronizationManager.registerSynchronization(new Wakeup(this));
        }
    }

    /** A number that changes with every signal; read it before looking at the rows, then wait with it. */
    public long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a signal after {@code seenVersion}, or at most {@code timeout}; true if signalled. */
    public boolean awaitAfter(long seenVersion, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (version == seenVersion) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    void signal() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private record Wakeup(CommitSignal owner) implements TransactionSynchronization {

        @Override
        public void afterCommit() {
            owner.signal();
        }
    }
}
