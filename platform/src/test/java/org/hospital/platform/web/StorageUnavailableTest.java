package org.hospital.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.axonframework.common.jdbc.JdbcException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database is not there" (503) rather than a fault of ours (500). */
class StorageUnavailableTest {

    @Test
    void aServerShuttingDownOrStartingUpIsUnavailable() {
        // PostgreSQL's "terminating connection due to administrator command" and "the database system is starting up".
        assertThat(ApiExceptionHandler.isStorageUnavailable(
                new JdbcException("append failed", new SQLException("FATAL: terminating connection", "57P01")))).isTrue();
        assertThat(ApiExceptionHandler.isStorageUnavailable(new SQLException("starting up", "57P03"))).isTrue();
        assertThat(ApiExceptionHandler.isStorageUnavailable(new SQLException("too many clients", "53300"))).isTrue();
    }

    @Test
    void aPooledConnectionAlreadyEvictedAsBrokenIsUnavailable() {
        assertThat(ApiExceptionHandler.isStorageUnavailable(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void aFailedRollbackAfterALostConnectionIsUnavailable() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new IllegalStateException("rollback"));
        rollback.initApplicationException(new SQLException("connection refused", "08001"));

        assertThat(ApiExceptionHandler.isStorageUnavailable(rollback)).isTrue();
    }

    @Test
    void constraintViolationsAndOtherFaultsAreNot() {
        assertThat(ApiExceptionHandler.isStorageUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ApiExceptionHandler.isStorageUnavailable(new SQLException("syntax error"))).isFalse();
        assertThat(ApiExceptionHandler.isStorageUnavailable(
                new TransactionSystemException("rollback failed", new SQLException("syntax error", "42601")))).isFalse();
    }
}
