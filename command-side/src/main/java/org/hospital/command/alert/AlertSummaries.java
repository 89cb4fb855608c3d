package org.hospital.command.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.events.AlertRaised;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the alerts topic repeats when an alert changes state (type, severity, message, time), kept from
 * {@code AlertRaised} in the same transaction as the event.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.LOOKUPS)
public class AlertSummaries {

    private final JdbcTemplate jdbc;

    AlertSummaries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The facts of an alert as raised. */
    public record Summary(long alertId, long encounterId, long patientId, String type, String severity,
                          String message, Instant timestamp) {
    }

    @EventHandler
    void on(AlertRaised event) {
        jdbc.update("""
                INSERT INTO alert_summary (alert_id, encounter_id, patient_id, type, severity, message, timestamp)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", event.alertId(), event.encounterId(), event.patientId(), event.type(),
                event.severity(), event.message(), Timestamp.from(event.timestamp()));
    }

    public Optional<Summary> find(long alertId) {
        return jdbc.query("""
                        SELECT alert_id, encounter_id, patient_id, type, severity, message, timestamp
                        FROM alert_summary WHERE alert_id = ?""",
                (rs, n) -> new Summary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant()), alertId).stream().findFirst();
    }
}
