package org.hospital.query.audit.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.hospital.events.EncounterEvent;
import org.hospital.platform.messaging.MessagingConfiguration;
import org.hospital.query.Columns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code audit_event}. An encounter's sequence numbers are computed, not stored: the 0-based rank of the
 * event's position among the encounter's events, which is stable because positions only grow.
 */
@Component
class AuditEvents {

    private static final ObjectMapper EVENT_JSON = MessagingConfiguration.eventObjectMapper();
    private static final String EVENTS_PACKAGE = EncounterEvent.class.getPackageName() + ".";

    private static final String RANKED = """
            SELECT * FROM (
                SELECT row_number() OVER (ORDER BY position) - 1 AS sequence, position, type, occurred_at,
                       actor_user_id, actor_role, actor_device_id, request_id, client_address, payload::text AS payload
                FROM audit_event WHERE encounter_id = ?) ranked
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    boolean known(long encounterId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_event WHERE encounter_id = ?)")
                .param(encounterId).query(Boolean.class).single();
    }

    /** Up to {@code limit} entries with a sequence above {@code afterSequence}, in order. */
    List<HistoryEntry> page(long encounterId, long afterSequence, int limit) {
        return jdbc.sql(RANKED + " WHERE sequence > ? ORDER BY sequence LIMIT ?")
                .params(encounterId, afterSequence, limit)
                .query((rs, row) -> new HistoryEntry(rs.getLong("sequence"), rs.getString("type"),
                        Columns.instant(rs, "occurred_at"),
                        HistoryEntry.Actor.of(Columns.bigint(rs, "actor_user_id"), rs.getString("actor_role"),
                                Columns.bigint(rs, "actor_device_id")),
                        rs.getString("request_id"), rs.getString("client_address"),
                        json.readTree(rs.getString("payload"))))
                .list();
    }

    /** The encounter's events stored at or before {@code asOf}, in order, read back into their records. */
    List<RecordedEvent> upTo(long encounterId, Instant asOf) {
        return jdbc.sql(RANKED + " WHERE occurred_at <= ? ORDER BY sequence")
                .params(encounterId, Columns.utc(asOf))
                .query((rs, row) -> new RecordedEvent(rs.getLong("sequence"), Columns.instant(rs, "occurred_at"),
                        read(rs.getString("type"), rs.getString("payload"))))
                .list();
    }

    /** The event as its record; an event type this version does not have stays as its JSON text. */
    static Object read(String type, String payload) {
        Class<?> eventType;
        try {
            eventType = Class.forName(EVENTS_PACKAGE + type);
        } catch (ClassNotFoundException e) {
            return payload;
        }
        if (!EncounterEvent.class.isAssignableFrom(eventType)) {
            return payload;
        }
        try {
            return EVENT_JSON.readValue(payload, eventType);
        } catch (IOException e) {
            throw new IllegalStateException("Stored " + type + " event is not readable", e);
        }
    }
}
