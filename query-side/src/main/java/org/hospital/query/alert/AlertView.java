package org.hospital.query.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.hospital.events.AlertStatus;
import org.hospital.query.Columns;

/**
 * An alert as docs/api.md, Query side lists it. {@code resolved} repeats {@code status} for clients of the seed API.
 */
record AlertView(long id, String type, String severity, String message, Instant timestamp, String status,
                 boolean resolved, int occurrences, Instant lastSeenAt) {

    static AlertView map(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("status");
        return new AlertView(rs.getLong("alert_id"), rs.getString("type"), rs.getString("severity"),
                rs.getString("message"), Columns.instant(rs, "timestamp"), status,
                AlertStatus.RESOLVED.wireName().equals(status), rs.getInt("occurrences"),
                Columns.instant(rs, "last_seen_at"));
    }
}
