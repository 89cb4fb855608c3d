package org.hospital.command;

import java.sql.SQLException;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Sends a command from an HTTP request again when another writer appended to the same aggregate first. Encounters
 * and alerts have writers besides the caller (readings, NEWS2 scores and alert repeats from the alerting saga), and
 * two appends at the same sequence number make the second transaction fail whole, so nothing of the failed attempt
 * is stored and sending again is safe: the command re-reads the aggregate and decides anew. The same holds when
 * PostgreSQL picks the transaction as a deadlock victim (two batches claiming the same idempotency keys in opposite
 * order). Creating an aggregate
 * twice is not retried (that conflict would repeat).
 */
public final class ConflictRetry {

    static final int ATTEMPTS = 5;
    /** Deadlock detected, serialization failure: PostgreSQL rolled the whole transaction back. */
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40P01", "40001");

    private ConflictRetry() {
    }

    public static <R> R sendAndWait(CommandGateway commands, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConcurrentAppend(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isConcurrentAppend(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return false;
            }
            if (t instanceof ConcurrencyException || t instanceof PessimisticLockingFailureException
                    || t instanceof SQLException sql && sql.getSQLState() != null
                    && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
