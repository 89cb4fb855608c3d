package org.hospital.query.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The alerting saga's parked events, read from the shared database: the alerting side (which may run in its own
 * process) parks them in {@code saga_dead_letter} (its migration set {@code db/alerting}) and retries the encounters
 * whose rows carry {@code retry_requested_at}. This side lists them and sets that mark; the retry itself happens
 * there, within its poll interval. Where the alerting side never ran against this database the table does not exist
 * and the group lists nothing.
 */
@Component
class SagaDeadLetters {

    /** The alerting saga's processing group (the alerting side's {@code AlertingSideConfiguration.PROCESSING_GROUP}). */
    static final String ALERTING = "alerting";

    private final JdbcClient jdbc;

    SagaDeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> processingGroups() {
        return List.of(ALERTING);
    }

    long size(String processingGroup) {
        if (!tableExists()) {
            return 0;
        }
        return jdbc.sql("SELECT count(*) FROM saga_dead_letter WHERE processing_group = ?")
                .param(processingGroup).query(Long.class).single();
    }

    long amountOfSequences(String processingGroup) {
        if (!tableExists()) {
            return 0;
        }
        return jdbc.sql("SELECT count(DISTINCT sequence_identifier) FROM saga_dead_letter WHERE processing_group = ?")
                .param(processingGroup).query(Long.class).single();
    }

    /** Sequence by sequence (the one parked first first), in order within each; at most {@code limit}. */
    List<DeadLetterView> list(String processingGroup, int limit) {
        if (!tableExists() || limit <= 0) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM saga_dead_letter WHERE processing_group = ? "
                        + "ORDER BY min(dead_letter_id) OVER (PARTITION BY sequence_identifier), sequence_index "
                        + "LIMIT ?")
                .params(processingGroup, limit)
                .query(SagaDeadLetters::parkedEvent).list();
    }

    /**
     * Marks the group's parked events (or one sequence's) for a retry by the alerting side; returns how many
     * sequences were marked.
     */
    int requestRetry(String processingGroup, String sequence) {
        if (!tableExists()) {
            return 0;
        }
        return jdbc.sql("WITH marked AS (UPDATE saga_dead_letter SET retry_requested_at = now() "
                        + "WHERE processing_group = ? AND (CAST(? AS VARCHAR) IS NULL OR sequence_identifier = ?) "
                        + "RETURNING sequence_identifier) SELECT count(DISTINCT sequence_identifier) FROM marked")
                .params(processingGroup, sequence, sequence)
                .query(Integer.class).single();
    }

    private boolean tableExists() {
        return Boolean.TRUE.equals(jdbc.sql("SELECT to_regclass('saga_dead_letter') IS NOT NULL")
                .query(Boolean.class).single());
    }

    private static DeadLetterView parkedEvent(ResultSet rs, int rowNum) throws SQLException {
        Instant parkedAt = instant(rs, "parked_at");
        Instant lastFailed = instant(rs, "last_failed_at");
        return new DeadLetterView(rs.getString("processing_group"), rs.getString("sequence_identifier"),
                rs.getLong("sequence_index"), rs.getString("event_type"), rs.getString("event_identifier"),
                rs.getObject("event_position", Long.class), rs.getString("cause_type"),
                rs.getString("cause_message"), parkedAt, lastFailed != null ? lastFailed : parkedAt,
                rs.getLong("attempts"), instant(rs, "retry_requested_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
