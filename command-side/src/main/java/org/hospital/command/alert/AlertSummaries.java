package org.hospital.command.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.events.AlertStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each alert's current facts ({@code alert_summary}): whose it is (for ownership checks) and what the alerts topic
 * repeats on every change (type, message, time, current severity, status, occurrences, escalation level). Kept from
 * the alert's events in the same transaction as the events, together with the sequence number of the last one
 * applied ({@code version}).
 * <p>
 * The alerts topic is written later, by a tracking processor that may lag behind: a notification must carry the
 * facts as they were after <em>its</em> event, not as they are now (a "repeated" record must not say "resolved").
 * {@link #asOf} therefore answers from the row only when the row is at that very event, and otherwise folds the
 * alert's events from the event store up to it.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.LOOKUPS)
public class AlertSummaries {

    private final JdbcTemplate jdbc;
    private final EventStore events;

    AlertSummaries(JdbcTemplate jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * An alert's facts after the event with sequence number {@code version} (null: not known, for rows written
     * before versions were kept). {@code status} is open, acknowledged or resolved.
     */
    public record Summary(long alertId, long encounterId, long patientId, String type, String severity,
                          String message, Instant timestamp, String status, int occurrences, int escalationLevel,
                          Instant lastSeenAt, Long version) {

        static Summary raised(AlertRaised event, long sequenceNumber) {
            return new Summary(event.alertId(), event.encounterId(), event.patientId(), event.type(),
                    event.severity(), event.message(), event.timestamp(), AlertStatus.OPEN.wireName(), 1, 0,
                    event.timestamp(), sequenceNumber);
        }

        /** The facts after one more of the alert's events; the events carry the values, nothing is counted here. */
        Summary after(Object event, long sequenceNumber) {
            return switch (event) {
                case AlertRepeated repeated -> new Summary(alertId, encounterId, patientId, type,
                        repeated.severity(), message, timestamp, status, repeated.occurrences(), escalationLevel,
                        repeated.lastSeenAt(), sequenceNumber);
                case AlertEscalated escalated -> new Summary(alertId, encounterId, patientId, type,
                        escalated.severity(), message, timestamp, status, occurrences, escalated.level(),
                        lastSeenAt, sequenceNumber);
                case AlertAcknowledged ignored -> withStatus(AlertStatus.ACKNOWLEDGED, sequenceNumber);
                case AlertResolved ignored -> withStatus(AlertStatus.RESOLVED, sequenceNumber);
                default -> new Summary(alertId, encounterId, patientId, type, severity, message, timestamp, status,
                        occurrences, escalationLevel, lastSeenAt, sequenceNumber);
            };
        }

        private Summary withStatus(AlertStatus newStatus, long sequenceNumber) {
            return new Summary(alertId, encounterId, patientId, type, severity, message, timestamp,
                    newStatus.wireName(), occurrences, escalationLevel, lastSeenAt, sequenceNumber);
        }
    }

    @EventHandler
    void on(AlertRaised event, @SequenceNumber long sequenceNumber) {
        Summary summary = Summary.raised(event, sequenceNumber);
        jdbc.update("""
                INSERT INTO alert_summary (alert_id, encounter_id, patient_id, type, severity, message, timestamp,
                                           status, occurrences, escalation_level, last_seen_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", summary.alertId(), summary.encounterId(),
                summary.patientId(), summary.type(), summary.severity(), summary.message(),
                Timestamp.from(summary.timestamp()), summary.status(), summary.occurrences(),
                summary.escalationLevel(), timestamp(summary.lastSeenAt()), summary.version());
    }

    @EventHandler
    void on(AlertRepeated event, @SequenceNumber long sequenceNumber) {
        update(event.alertId(), event, sequenceNumber);
    }

    @EventHandler
    void on(AlertEscalated event, @SequenceNumber long sequenceNumber) {
        update(event.alertId(), event, sequenceNumber);
    }

    @EventHandler
    void on(AlertAcknowledged event, @SequenceNumber long sequenceNumber) {
        update(event.alertId(), event, sequenceNumber);
    }

    @EventHandler
    void on(AlertResolved event, @SequenceNumber long sequenceNumber) {
        update(event.alertId(), event, sequenceNumber);
    }

    private void update(long alertId, Object event, long sequenceNumber) {
        // The row exists: it is written with AlertRaised, in the transaction that created the alert.
        Summary summary = find(alertId)
                .orElseThrow(() -> new IllegalStateException("No summary for alert " + alertId))
                .after(event, sequenceNumber);
        jdbc.update("""
                UPDATE alert_summary SET severity = ?, status = ?, occurrences = ?, escalation_level = ?,
                                         last_seen_at = ?, version = ?
                WHERE alert_id = ?""", summary.severity(), summary.status(), summary.occurrences(),
                summary.escalationLevel(), timestamp(summary.lastSeenAt()), summary.version(), alertId);
    }

    public Optional<Summary> find(long alertId) {
        return jdbc.query("""
                SELECT alert_id, encounter_id, patient_id, type, severity, message, timestamp, status, occurrences,
                       escalation_level, last_seen_at, version
                FROM alert_summary WHERE alert_id = ?""", AlertSummaries::summary, alertId).stream().findFirst();
    }

    /**
     * The alert's facts right after its event number {@code sequenceNumber}: the row when it is at that event (the
     * usual case), otherwise the alert's events folded up to it. Empty for an alert without events.
     */
    public Optional<Summary> asOf(long alertId, long sequenceNumber) {
        Optional<Summary> current = find(alertId);
        if (current.isPresent() && Long.valueOf(sequenceNumber).equals(current.get().version())) {
            return current;
        }
        Summary folded = null;
        DomainEventStream stream = events.readEvents(Alert.aggregateId(alertId), 0);
        while (stream.hasNext() && stream.peek().getSequenceNumber() <= sequenceNumber) {
            var event = stream.next();
            folded = event.getPayload() instanceof AlertRaised raised
                    ? Summary.raised(raised, event.getSequenceNumber())
                    : folded == null ? null : folded.after(event.getPayload(), event.getSequenceNumber());
        }
        return Optional.ofNullable(folded);
    }

    private static Summary summary(ResultSet rs, int row) throws SQLException {
        Timestamp lastSeenAt = rs.getTimestamp(11);
        long version = rs.getLong(12);
        return new Summary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getInt(9), rs.getInt(10),
                lastSeenAt == null ? null : lastSeenAt.toInstant(), rs.wasNull() ? null : version);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
