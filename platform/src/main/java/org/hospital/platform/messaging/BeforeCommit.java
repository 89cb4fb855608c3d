package org.hospital.platform.messaging;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that handlers collect during a transaction and that is done once, right before the transaction commits: the
 * way an event processor's batch writes its rows with one statement per table instead of one per event. The flush
 * runs after every handler and every prepare-commit step of Axon's unit of work (the processor's token included), in
 * the same transaction; if it throws, the transaction rolls back and the batch is retried as a whole.
 */
public final class BeforeCommit {

    private BeforeCommit() {
    }

    /**
     * The current transaction's collection under {@code key}, created (and its flush registered) on first use; empty
     * when no transaction is active, in which case the caller does its work at once.
     *
     * @param order flushes of lower order run first
     */
    public static <T> Optional<T> collection(Object key, int order, Supplier<T> create, Consumer<T> flush) {
        return collection(key, order, create, flush, (collection, committed) -> {
        });
    }

    /**
     * As {@link #collection(Object, int, Supplier, Consumer)}, and tells {@code completed} whether the transaction
     * committed once it has ended (for what a caller keeps beyond the transaction, such as a cache).
     */
    public static <T> Optional<T> collection(Object key, int order, Supplier<T> create, Consumer<T> flush,
                                             BiConsumer<T, Boolean> completed) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T existing = (T) TransactionSynchronizationManager.getResource(key);
        if (existing != null) {
            return Optional.of(existing);
        }
        T created = create.get();
        TransactionSynchronizationManager.bindResource(key, created);
        TransactionSynchronizationManager.registerSynchronization(new Flush<>(key, created, order, flush, completed));
        return Optional.of(created);
    }

    private record Flush<T>(Object key, T collection, int order, Consumer<T> work, BiConsumer<T, Boolean> completed)
            implements TransactionSynchronization {

        @Override
        public int getOrder() {
            return order;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            work.accept(collection);
        }

        // A transaction suspended by an inner one keeps its collection to itself.
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(key, collection);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
            completed.accept(collection, status == STATUS_COMMITTED);
        }
    }
}
