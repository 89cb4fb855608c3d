package org.hospital.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class AxonStorageConfigurationTest {

    private final PersistenceExceptionResolver resolver =
            new AxonStorageConfiguration().axonPersistenceExceptionResolver();

    /** As the PostgreSQL driver reports a batched append at a sequence number another writer has just taken. */
    @Test
    void aSecondAppendAtTheSameSequenceNumberIsRecognisedAsADuplicateKey() {
        PSQLException duplicate = new PSQLException("ERROR: duplicate key value violates unique constraint"
                + " \"domain_event_entry_aggregate_identifier_sequence_number_key\"", PSQLState.UNIQUE_VIOLATION);
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry ...",
                duplicate.getSQLState(), 0, new int[0], duplicate);

        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", batch))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNotDuplicateKeys() {
        PSQLException gone = new PSQLException("connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        PSQLException notNull = new PSQLException("null value in column", PSQLState.NOT_NULL_VIOLATION);

        assertThat(resolver.isDuplicateKeyViolation(gone)).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(notNull)).isFalse();
    }
}
