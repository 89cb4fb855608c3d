package org.hospital.query.alert;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertResolved;
import org.hospital.query.Columns;
import org.hospital.query.QuerySideConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One row per alert, keyed by alert id. A raise is inserted once; state changes only move forward (open to
 * acknowledged to resolved), so a redelivered acknowledgement cannot reopen a resolved alert.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class AlertProjection {

    private final JdbcClient jdbc;

    AlertProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AlertRaised event) {
        jdbc.sql("""
                        INSERT INTO view_alerts (alert_id, encounter_id, patient_id, type, severity, message, timestamp,
                            reading_id, raised_at, status, occurrences, last_seen_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 1, ?)
                        ON CONFLICT (alert_id) DO NOTHING""")
                .params(event.alertId(), event.encounterId(), event.patientId(), event.type(), event.severity(),
                        event.message(), Columns.utc(event.timestamp()), event.readingId(),
                        Columns.utc(event.raisedAt()), Columns.utc(event.timestamp()))
                .update();
    }

    @EventHandler
    void on(AlertAcknowledged event) {
        jdbc.sql("""
                        UPDATE view_alerts SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?
                        WHERE alert_id = ? AND status = 'open'""")
                .params(event.acknowledgedBy(), Columns.utc(event.acknowledgedAt()), event.alertId())
                .update();
    }

    @EventHandler
    void on(AlertResolved event) {
        jdbc.sql("""
                        UPDATE view_alerts SET status = 'resolved', resolved_by = ?, resolved_at = ?,
                            resolution_reason = ?
                        WHERE alert_id = ? AND status <> 'resolved'""")
                .params(event.resolvedBy(), Columns.utc(event.resolvedAt()), event.reason(), event.alertId())
                .update();
    }
}
