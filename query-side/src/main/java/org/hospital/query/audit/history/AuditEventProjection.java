package org.hospital.query.audit.history;

import static org.hospital.query.Columns.column;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.hospital.events.EncounterEvent;
import org.hospital.events.EventMetadata;
import org.hospital.platform.messaging.PositionCarryingConverter;
import org.hospital.platform.messaging.MessagingConfiguration;
import org.hospital.query.Columns;
import org.hospital.query.QuerySideConfiguration;
import org.hospital.query.batch.ProjectionWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records every encounter event (admissions, readings, notes, alerts, scores) with its metadata in
 * {@code audit_event}. Keyed by the event-store position and the event id, so a redelivery or a replay of the
 * topic inserts nothing twice; a rebuild therefore leaves this table alone. One row per event, so a processor batch's
 * rows are written together ({@link ProjectionWrites}).
 */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class AuditEventProjection {

    private static final Logger log = LoggerFactory.getLogger(AuditEventProjection.class);
    private static final ObjectMapper EVENT_JSON = MessagingConfiguration.eventObjectMapper();

    private static final Object ROWS = new Object();

    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    AuditEventProjection(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(EncounterEvent event, EventMessage<?> message) throws Exception {
        Long position = number(message.getMetaData().get(PositionCarryingConverter.METADATA_KEY));
        if (position == null) {
            // Only records the command side's publisher did not write lack it (hand-made test records): the
            // history is ordered by position and cannot place the event.
            log.warn("Not recorded in the audit history: {} {} carries no event-store position",
                    message.getPayloadType().getSimpleName(), message.getIdentifier());
            return;
        }
        JsonNode payload = EVENT_JSON.valueToTree(event);
        Map<String, ?> metadata = message.getMetaData();
        String aggregateId = null;
        Long aggregateSequence = null;
        if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            aggregateId = domain.getAggregateIdentifier();
            aggregateSequence = domain.getSequenceNumber();
        }
        writes.add(ROWS, new Row(position, message.getIdentifier(), event.encounterId(),
                payload.hasNonNull("patient_id") ? payload.get("patient_id").asLong() : null,
                aggregateId, aggregateSequence, message.getPayloadType().getSimpleName(),
                Columns.text(message.getTimestamp()),
                number(metadata.get(EventMetadata.ACTOR_USER_ID)),
                text(metadata.get(EventMetadata.ACTOR_ROLE), 32),
                number(metadata.get(EventMetadata.ACTOR_DEVICE_ID)),
                text(metadata.get(EventMetadata.REQUEST_ID), 64),
                text(metadata.get(EventMetadata.CLIENT_ADDRESS), 64),
                EVENT_JSON.writeValueAsString(payload)), this::insert);
    }

    /** One {@code audit_event} row. */
    private record Row(Long position, String eventId, long encounterId, Long patientId, String aggregateId,
                       Long aggregateSequence, String type, String occurredAt, Long actorUserId, String actorRole,
                       Long actorDeviceId, String requestId, String clientAddress, String payload) {
    }

    /** A batch's rows with one statement (an event already recorded, by position or id, is left alone). */
    private void insert(List<Row> rows) {
        jdbc.sql("""
                        INSERT INTO audit_event (position, event_id, encounter_id, patient_id, aggregate_id,
                            aggregate_sequence, type, occurred_at, actor_user_id, actor_role, actor_device_id,
                            request_id, client_address, payload)
                        SELECT position, event_id, encounter_id, patient_id, aggregate_id, aggregate_sequence, type,
                            occurred_at, actor_user_id, actor_role, actor_device_id, request_id, client_address,
                            payload::jsonb
                        FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[],
                            ?::text[], ?::timestamptz[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                            ?::text[])
                          AS r(position, event_id, encounter_id, patient_id, aggregate_id, aggregate_sequence, type,
                               occurred_at, actor_user_id, actor_role, actor_device_id, request_id, client_address,
                               payload)
                        ON CONFLICT DO NOTHING""")
                .params(column(rows, Row::position, Long[]::new), column(rows, Row::eventId, String[]::new),
                        column(rows, Row::encounterId, Long[]::new), column(rows, Row::patientId, Long[]::new),
                        column(rows, Row::aggregateId, String[]::new),
                        column(rows, Row::aggregateSequence, Long[]::new), column(rows, Row::type, String[]::new),
                        column(rows, Row::occurredAt, String[]::new), column(rows, Row::actorUserId, Long[]::new),
                        column(rows, Row::actorRole, String[]::new), column(rows, Row::actorDeviceId, Long[]::new),
                        column(rows, Row::requestId, String[]::new), column(rows, Row::clientAddress, String[]::new),
                        column(rows, Row::payload, String[]::new))
                .update();
    }

    /** Metadata crosses Kafka as text (Axon's header mapper), locally it is a number: accept both. */
    static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Object value, int maxLength) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.length() > maxLength ? text.substring(0, maxLength) : text;
    }
}
