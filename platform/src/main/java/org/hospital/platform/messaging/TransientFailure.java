package org.hospital.platform.messaging;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A failure that says nothing about the event being handled (the database unreachable, a deadlock, a connection lost,
 * a broker that did not answer): an event processor retries the event with back-off instead of parking it as a poison
 * event. {@link #isTransient} is the one classification both sides' parking uses.
 */
public class TransientFailure extends RuntimeException {

    /**
     * SQLSTATE classes of PostgreSQL that describe the connection or the server, not the statement: connection
     * exception, transaction rollback (serialization failure, deadlock), insufficient resources, operator
     * intervention (shutdown, cannot connect now).
     */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57");

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the failure, or any of its causes, is transient: a {@code TransientFailure}, Spring's transient and
     * resource-failure {@code DataAccessException}s, JDBC's transient and connection exceptions, a refused
     * connection, or a PostgreSQL SQLSTATE of class 08, 40, 53 or 57.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientFailure
                    || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && TRANSIENT_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
