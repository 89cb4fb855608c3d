package org.hospital.query.alert;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.platform.messaging.PositionCarryingConverter;
import org.hospital.query.Columns;
import org.hospital.query.QuerySideConfiguration;
import org.hospital.query.consistency.ProjectionPositions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One row per alert, keyed by alert id. A raise is inserted once; the status only moves forward (open to acknowledged
 * to resolved), so a redelivered acknowledgement cannot reopen a resolved alert; occurrences and escalation level only
 * grow and severity only rises (docs/api.md, Alert rules, alarm fatigue). Every change that altered the row is also
 * written to the alert stream's change table, in the same transaction.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class AlertProjection {

    /** Ranks severities so that a repeat or an escalation can only raise one; unknown words never win. */
    private static final String HIGHER_SEVERITY = """
            CASE WHEN array_position(ARRAY['low', 'medium', 'high', 'critical']::text[], CAST(? AS TEXT))
                      > COALESCE(array_position(ARRAY['low', 'medium', 'high', 'critical']::text[], severity), 0)
                 THEN CAST(? AS TEXT) ELSE severity END""";

    private final JdbcClient jdbc;
    private final AlertChanges changes;
    private final ProjectionPositions positions;

    AlertProjection(JdbcClient jdbc, AlertChanges changes, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.positions = positions;
    }

    @EventHandler
    void on(AlertRaised event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        int inserted = jdbc.sql("""
                        INSERT INTO view_alerts (alert_id, encounter_id, patient_id, type, severity, message, timestamp,
                            reading_id, raised_at, status, occurrences, last_seen_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 1, ?)
                        ON CONFLICT (alert_id) DO NOTHING""")
                .params(event.alertId(), event.encounterId(), event.patientId(), event.type(), event.severity(),
                        event.message(), Columns.utc(event.timestamp()), event.readingId(),
                        Columns.utc(event.raisedAt()), Columns.utc(event.timestamp()))
                .update();
        changed(inserted, event.alertId(), AlertChange.Kind.RAISED, 0);
        positions.advance(event.encounterId(), position);
    }

    /** Another breach of an open or acknowledged alert: the count is absolute, so an old repeat changes nothing. */
    @EventHandler
    void on(AlertRepeated event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        int updated = jdbc.sql("""
                        UPDATE view_alerts SET occurrences = ?, last_seen_at = GREATEST(last_seen_at, ?),
                            severity = %s
                        WHERE alert_id = ? AND occurrences < ?""".formatted(HIGHER_SEVERITY))
                .params(event.occurrences(), Columns.utc(event.lastSeenAt()), event.severity(), event.severity(),
                        event.alertId(), event.occurrences())
                .update();
        changed(updated, event.alertId(), AlertChange.Kind.REPEATED, event.occurrences());
        positions.advance(event.encounterId(), position);
    }

    /** Escalation leaves the status as it is (open or acknowledged): it records that the alert went up a level. */
    @EventHandler
    void on(AlertEscalated event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        int updated = jdbc.sql("""
                        UPDATE view_alerts SET escalation_level = ?, escalated_at = ?, severity = %s
                        WHERE alert_id = ? AND escalation_level < ?""".formatted(HIGHER_SEVERITY))
                .params(event.level(), Columns.utc(event.escalatedAt()), event.severity(), event.severity(),
                        event.alertId(), event.level())
                .update();
        changed(updated, event.alertId(), AlertChange.Kind.ESCALATED, event.level());
        positions.advance(event.encounterId(), position);
    }

    @EventHandler
    void on(AlertAcknowledged event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        int updated = jdbc.sql("""
                        UPDATE view_alerts SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?
                        WHERE alert_id = ? AND status = 'open'""")
                .params(event.acknowledgedBy(), Columns.utc(event.acknowledgedAt()), event.alertId())
                .update();
        changed(updated, event.alertId(), AlertChange.Kind.ACKNOWLEDGED, 0);
        positions.advance(event.encounterId(), position);
    }

    @EventHandler
    void on(AlertResolved event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        int updated = jdbc.sql("""
                        UPDATE view_alerts SET status = 'resolved', resolved_by = ?, resolved_at = ?,
                            resolution_reason = ?
                        WHERE alert_id = ? AND status <> 'resolved'""")
                .params(event.resolvedBy(), Columns.utc(event.resolvedAt()), event.reason(), event.alertId())
                .update();
        changed(updated, event.alertId(), AlertChange.Kind.RESOLVED, 0);
        positions.advance(event.encounterId(), position);
    }

    /** A redelivered event alters no row, and so adds no change either. */
    private void changed(int rowsAltered, long alertId, AlertChange.Kind kind, int key) {
        if (rowsAltered > 0) {
            changes.record(alertId, kind, key);
        }
    }
}
