package org.hospital.command;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
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
                if (!isConcurrentAppend(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    throw new KeptConflicting();
                }
                pauseBefore(attempt + 1);
            }
        }
    }

    /**
     * A short, random pause that grows with the attempt, so that two writers that keep colliding (two command
     * instances storing readings of the same encounters) stop doing so in step.
     */
    private static void pauseBefore(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeptConflicting();
        }
    }

    /**
     * Other writers changed the same records at every attempt. Nothing of the request is stored (each attempt's
     * transaction was rolled back whole), so the caller may simply send it again.
     */
    static final class KeptConflicting extends DomainException {

        KeptConflicting() {
            super(ErrorCode.SERVICE_UNAVAILABLE, "Other writers kept changing the same records; nothing was stored, "
                    + "retry shortly", Duration.ofSeconds(1));
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
