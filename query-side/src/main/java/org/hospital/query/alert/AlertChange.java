package org.hospital.query.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import org.hospital.query.Columns;

/**
 * One row of the alert stream: {@code changeId} is the SSE event id, {@code ward} and {@code doctorId} are the
 * encounter's at the time of the change (they decide who receives it) and {@code data} is what the client gets.
 */
record AlertChange(long changeId, String ward, Long doctorId, Data data) {

    /** What happened to the alert; on the wire its lower-case name. */
    enum Kind {
        RAISED, REPEATED, ESCALATED, ACKNOWLEDGED, RESOLVED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The SSE {@code data:} JSON: the alert as the change left it, and the change. */
    record Data(long alertId, String type, String severity, String message, long patientId, long encounterId,
                Instant timestamp, String status, int occurrences, Instant lastSeenAt, int escalationLevel,
                String change) {
    }

    static final String COLUMNS = """
            change_id, ward, doctor_id, alert_id, type, severity, message, patient_id, encounter_id, timestamp, status,
            occurrences, last_seen_at, escalation_level, change""";

    static AlertChange map(ResultSet rs, int row) throws SQLException {
        return new AlertChange(rs.getLong("change_id"), rs.getString("ward"), Columns.bigint(rs, "doctor_id"),
                new Data(rs.getLong("alert_id"), rs.getString("type"), rs.getString("severity"),
                        rs.getString("message"), rs.getLong("patient_id"), rs.getLong("encounter_id"),
                        Columns.instant(rs, "timestamp"), rs.getString("status"), rs.getInt("occurrences"),
                        Columns.instant(rs, "last_seen_at"), rs.getInt("escalation_level"), rs.getString("change")));
    }
}
