package org.hospital.query.alert;

import java.util.List;
import org.hospital.query.consistency.CommitSignal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The table the alert stream is delivered from ({@code view_alert_changes}). Written by {@link AlertProjection} in
 * the transaction of the change; read by {@link AlertChangeFeed} (everything new) and by each stream catching up.
 */
@Component
class AlertChanges {

    /**
     * Serialises the writers of changes until their commit, so change ids become visible in increasing order: a
     * reader that has passed id n will never see a smaller id appear later. Alert changes are rare next to readings,
     * so the wait is short; vitals never take it.
     */
    private static final long WRITE_ORDER_LOCK = 0x6a6c_6572_7473L;

    private final JdbcClient jdbc;
    private final CommitSignal commits = new CommitSignal();

    AlertChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the alert as it is now (after the change) with its encounter's ward and attending doctor. The key
     * {@code (alert, kind, key)} is unique, so the same source event never adds a second row. The lock is taken in
     * the same statement, before the id is drawn, so it also holds outside a surrounding transaction.
     */
    void record(long alertId, AlertChange.Kind kind, int key) {
        jdbc.sql("""
                        WITH write_order AS (SELECT pg_advisory_xact_lock(?))
                        INSERT INTO view_alert_changes (alert_id, change, change_key, encounter_id, patient_id, ward,
                            doctor_id, type, severity, message, timestamp, status, occurrences, last_seen_at,
                            escalation_level)
                        SELECT a.alert_id, ?, ?, a.encounter_id, a.patient_id, e.ward, e.doctor_id, a.type, a.severity,
                            a.message, a.timestamp, a.status, a.occurrences, a.last_seen_at, a.escalation_level
                        FROM view_alerts a CROSS JOIN write_order
                            LEFT JOIN view_encounters e ON e.id = a.encounter_id
                        WHERE a.alert_id = ?
                        ON CONFLICT ON CONSTRAINT view_alert_changes_once_per_event DO NOTHING""")
                .params(WRITE_ORDER_LOCK, kind.wireName(), key, alertId)
                .update();
        commits.afterCommit();
    }

    /** Every change after {@code changeId}, oldest first, at most {@code limit}. */
    List<AlertChange> after(long changeId, int limit) {
        return jdbc.sql("SELECT " + AlertChange.COLUMNS
                        + " FROM view_alert_changes WHERE change_id > ? ORDER BY change_id LIMIT ?")
                .params(changeId, limit)
                .query(AlertChange::map)
                .list();
    }

    /** The changes after {@code changeId} that {@code audience} may receive, oldest first, at most {@code limit}. */
    List<AlertChange> after(long changeId, AlertAudience audience, int limit) {
        var statement = jdbc.sql("SELECT " + AlertChange.COLUMNS + " FROM view_alert_changes WHERE "
                + audience.sqlCondition() + " AND change_id > ? ORDER BY change_id LIMIT ?");
        for (Object parameter : audience.sqlParameters()) {
            statement = statement.param(parameter);
        }
        return statement.param(changeId).param(limit).query(AlertChange::map).list();
    }

    /** The newest change id, 0 when there is none. */
    long lastId() {
        return jdbc.sql("SELECT COALESCE(max(change_id), 0) FROM view_alert_changes").query(Long.class).single();
    }

    /** Signalled when a transaction of this process that recorded changes commits. */
    CommitSignal commits() {
        return commits;
    }
}
