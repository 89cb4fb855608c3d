package org.hospital.alerting.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.hospital.platform.messaging.PositionCarryingConverter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table {@code saga_dead_letter} (migration set {@code db/alerting}): a processing group's parked events, one
 * sequence (encounter) after the other, in order within each by {@code sequence_index}. Every statement joins the
 * caller's transaction (the processor's batch, or a retry's), so a parked event is written with the processor's
 * Kafka position and a retried one is deleted with the saga state it produced. The only class with SQL on the table:
 * its admin routes ({@link SagaDeadLettersController}) list and mark through it too, so no other side depends on its
 * columns.
 * <p>
 * Locks keep a retry and the live processor from overtaking each other on one encounter: a retry holds the head of
 * the sequence ({@code FOR UPDATE}) while it handles it, and the processor parks behind the tail it holds
 * ({@code FOR SHARE}); when a retry has just emptied the sequence, the processor finds no tail and handles the event
 * itself, after the retried ones.
 */
final class SagaDeadLetterStore {

    private static final int MAX_CAUSE_MESSAGE = 1023;

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final String processingGroup;

    SagaDeadLetterStore(DataSource dataSource, Serializer serializer, String processingGroup) {
        this.jdbc = JdbcClient.create(dataSource);
        this.serializer = serializer;
        this.processingGroup = processingGroup;
    }

    String processingGroup() {
        return processingGroup;
    }

    /** The failure that parked an event: its class and a truncated message, and when it first happened. */
    record Failure(String type, String message, Instant at) {

        static Failure of(Throwable cause, Instant at) {
            String message = cause.getMessage();
            if (message != null && message.length() > MAX_CAUSE_MESSAGE) {
                message = message.substring(0, MAX_CAUSE_MESSAGE);
            }
            return new Failure(cause.getClass().getName(), message, at);
        }
    }

    /** One parked event as stored, with what a retry needs to hand it to the saga again. */
    record Row(long id, String sequence, long index, String eventIdentifier, String eventType, String payloadType,
               String payloadRevision, byte[] payload, byte[] metaData, Instant eventTimestamp, String aggregateType,
               String aggregateIdentifier, Long sequenceNumber, Instant retryRequestedAt) {
    }

    /** Which of these sequences have parked events (one statement for a whole batch). */
    Set<String> parkedAmong(Collection<String> sequences) {
        if (sequences.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.sql("SELECT DISTINCT sequence_identifier FROM saga_dead_letter "
                        + "WHERE processing_group = ? AND sequence_identifier = ANY (?)")
                .params(processingGroup, sequences.toArray(String[]::new))
                .query(String.class).list());
    }

    /**
     * Parks the event at the end of its sequence if the sequence still has parked events (it waits for a retry that
     * holds the last of them). False when the sequence is empty: then nothing was written and the caller handles the
     * event. An event parked already (a redelivery) is not parked twice, and counts as parked.
     */
    boolean parkBehind(EventMessage<?> event, String sequence, Instant now) {
        Optional<Long> tail = lockTail(sequence);
        if (tail.isEmpty()) {
            return false;
        }
        insert(event, sequence, tail.get() + 1, null, now);
        return true;
    }

    /** Parks an event that failed, at the end of its sequence (its head, unless the sequence is parked already). */
    boolean parkFailed(EventMessage<?> event, String sequence, Failure failure, Instant now) {
        long index = lockTail(sequence).map(tail -> tail + 1).orElse(0L);
        return insert(event, sequence, index, failure, now);
    }

    private Optional<Long> lockTail(String sequence) {
        return jdbc.sql("SELECT sequence_index FROM saga_dead_letter WHERE processing_group = ? "
                        + "AND sequence_identifier = ? ORDER BY sequence_index DESC LIMIT 1 FOR SHARE")
                .params(processingGroup, sequence)
                .query(Long.class).optional();
    }

    private boolean insert(EventMessage<?> event, String sequence, long index, Failure failure, Instant now) {
        SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(event.getMetaData(), byte[].class);
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        Object position = event.getMetaData().get(PositionCarryingConverter.METADATA_KEY);
        int inserted = jdbc.sql("INSERT INTO saga_dead_letter (processing_group, sequence_identifier, sequence_index, "
                        + "event_identifier, event_type, payload_type, payload_revision, payload, meta_data, "
                        + "event_timestamp, event_position, aggregate_type, aggregate_identifier, sequence_number, "
                        + "parked_at, cause_type, cause_message, first_failed_at, last_failed_at, attempts) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (processing_group, event_identifier) DO NOTHING")
                .params(processingGroup, sequence, index, event.getIdentifier(),
                        event.getPayloadType().getSimpleName(), payload.getType().getName(),
                        payload.getType().getRevision(), payload.getData(), metaData.getData(),
                        Timestamp.from(event.getTimestamp()),
                        position instanceof Number number ? number.longValue() : null,
                        domain == null ? null : domain.getType(),
                        domain == null ? null : domain.getAggregateIdentifier(),
                        domain == null ? null : domain.getSequenceNumber(),
                        Timestamp.from(now),
                        failure == null ? null : failure.type(), failure == null ? null : failure.message(),
                        failure == null ? null : Timestamp.from(failure.at()),
                        failure == null ? null : Timestamp.from(now),
                        failure == null ? 0 : 1)
                .update();
        return inserted == 1;
    }

    /** The identifiers of the sagas associated with the sequence's encounter (none before its saga exists). */
    List<String> sagasOf(String sequence) {
        if (!sequence.chars().allMatch(Character::isDigit) || sequence.isEmpty() || sequence.length() > 18) {
            return List.of(); // not an encounter: no saga
        }
        return jdbc.sql("SELECT saga_id FROM alerting_saga WHERE encounter_id = ?")
                .param(Long.parseLong(sequence))
                .query(String.class).list();
    }

    /** Sequences whose first parked event an admin asked to retry. */
    List<String> sequencesToRetry() {
        return jdbc.sql("SELECT sequence_identifier FROM saga_dead_letter WHERE processing_group = ? "
                        + "AND retry_requested_at IS NOT NULL GROUP BY sequence_identifier "
                        + "ORDER BY min(retry_requested_at), sequence_identifier")
                .param(processingGroup)
                .query(String.class).list();
    }

    /** The first parked event of the sequence, locked until the caller's transaction ends. */
    Optional<Row> lockHead(String sequence) {
        return jdbc.sql("SELECT * FROM saga_dead_letter WHERE processing_group = ? AND sequence_identifier = ? "
                        + "ORDER BY sequence_index LIMIT 1 FOR UPDATE")
                .params(processingGroup, sequence)
                .query(SagaDeadLetterStore::row).optional();
    }

    /**
     * The retried event was handled: it leaves the table, and the rest of its sequence (including events parked
     * behind it meanwhile) is retried next.
     */
    void handled(Row row, Instant now) {
        jdbc.sql("DELETE FROM saga_dead_letter WHERE dead_letter_id = ?").param(row.id()).update();
        jdbc.sql("UPDATE saga_dead_letter SET retry_requested_at = ? WHERE processing_group = ? "
                        + "AND sequence_identifier = ? AND retry_requested_at IS NULL")
                .params(Timestamp.from(row.retryRequestedAt() == null ? now : row.retryRequestedAt()),
                        processingGroup, row.sequence())
                .update();
    }

    /** The retried event failed again: it stays parked with the attempt counted, and its sequence waits for a retry. */
    void failedAgain(Row row, Failure failure) {
        jdbc.sql("UPDATE saga_dead_letter SET attempts = attempts + 1, cause_type = ?, cause_message = ?, "
                        + "first_failed_at = coalesce(first_failed_at, ?), last_failed_at = ? "
                        + "WHERE dead_letter_id = ?")
                .params(failure.type(), failure.message(), Timestamp.from(failure.at()),
                        Timestamp.from(failure.at()), row.id())
                .update();
        jdbc.sql("UPDATE saga_dead_letter SET retry_requested_at = NULL WHERE processing_group = ? "
                        + "AND sequence_identifier = ?")
                .params(processingGroup, row.sequence())
                .update();
    }

    /** The stored event as the message the processor handed over: same identifier, payload, metadata and time. */
    EventMessage<?> message(Row row) {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(row.payload(), byte[].class,
                row.payloadType(), row.payloadRevision()));
        MetaData metaData = row.metaData() == null ? MetaData.emptyInstance()
                : MetaData.from(serializer.<byte[], Map<String, ?>>deserialize(new SimpleSerializedObject<>(
                        row.metaData(), byte[].class, serializer.typeForClass(MetaData.class))));
        if (row.aggregateIdentifier() != null && row.sequenceNumber() != null) {
            return new GenericDomainEventMessage<>(row.aggregateType(), row.aggregateIdentifier(),
                    row.sequenceNumber(), payload, metaData, row.eventIdentifier(), row.eventTimestamp());
        }
        return new GenericEventMessage<>(row.eventIdentifier(), payload, metaData, row.eventTimestamp());
    }

    /** Parked events of the group. */
    long size() {
        return jdbc.sql("SELECT count(*) FROM saga_dead_letter WHERE processing_group = ?")
                .param(processingGroup).query(Long.class).single();
    }

    /** Sequences (encounters) of the group with parked events. */
    long amountOfSequences() {
        return jdbc.sql("SELECT count(DISTINCT sequence_identifier) FROM saga_dead_letter WHERE processing_group = ?")
                .param(processingGroup).query(Long.class).single();
    }

    /**
     * The group's parked events for an admin: sequence by sequence (the one parked first first), in order within
     * each; at most {@code limit}.
     */
    List<SagaDeadLetterView> deadLetters(int limit) {
        return jdbc.sql("SELECT * FROM saga_dead_letter WHERE processing_group = ? "
                        + "ORDER BY min(dead_letter_id) OVER (PARTITION BY sequence_identifier), sequence_index "
                        + "LIMIT ?")
                .params(processingGroup, limit)
                .query(SagaDeadLetterStore::view).list();
    }

    /**
     * Marks the group's parked events (or one sequence's) for {@link SagaRetry}; returns how many sequences were
     * marked, 0 when nothing of the one named is parked.
     */
    int requestRetry(String sequence, Instant now) {
        return jdbc.sql("WITH marked AS (UPDATE saga_dead_letter SET retry_requested_at = ? "
                        + "WHERE processing_group = ? AND (CAST(? AS VARCHAR) IS NULL OR sequence_identifier = ?) "
                        + "RETURNING sequence_identifier) SELECT count(DISTINCT sequence_identifier) FROM marked")
                .params(Timestamp.from(now), processingGroup, sequence, sequence)
                .query(Integer.class).single();
    }

    private static SagaDeadLetterView view(ResultSet rs, int rowNum) throws SQLException {
        Instant parkedAt = instant(rs, "parked_at");
        Instant lastFailed = instant(rs, "last_failed_at");
        return new SagaDeadLetterView(rs.getString("processing_group"), rs.getString("sequence_identifier"),
                rs.getLong("sequence_index"), rs.getString("event_type"), rs.getString("event_identifier"),
                rs.getObject("event_position", Long.class), rs.getString("cause_type"),
                rs.getString("cause_message"), parkedAt, lastFailed != null ? lastFailed : parkedAt,
                rs.getLong("attempts"), instant(rs, "retry_requested_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        Instant requested = instant(rs, "retry_requested_at");
        return new Row(rs.getLong("dead_letter_id"), rs.getString("sequence_identifier"),
                rs.getLong("sequence_index"), rs.getString("event_identifier"), rs.getString("event_type"),
                rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
                rs.getBytes("meta_data"), rs.getTimestamp("event_timestamp").toInstant(),
                rs.getString("aggregate_type"), rs.getString("aggregate_identifier"),
                rs.getObject("sequence_number", Long.class), requested);
    }
}
