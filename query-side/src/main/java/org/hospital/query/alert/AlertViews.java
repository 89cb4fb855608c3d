package org.hospital.query.alert;

import java.util.List;
import org.hospital.events.AlertStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the alert view. Callers check access first. */
@Component
public class AlertViews {

    private final JdbcClient jdbc;

    AlertViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Alerts still needing attention (open or acknowledged): the overview's {@code alerts_count}. */
    public long unresolvedCount(long encounterId) {
        return jdbc.sql("SELECT count(*) FROM view_alerts WHERE encounter_id = ? AND status <> 'resolved'")
                .param(encounterId)
                .query(Long.class)
                .single();
    }

    /** The encounter's alerts, newest first; all of them when {@code status} is null. */
    List<AlertView> of(long encounterId, AlertStatus status) {
        return jdbc.sql("""
                        SELECT alert_id, type, severity, message, timestamp, status, occurrences, last_seen_at
                        FROM view_alerts WHERE encounter_id = ? AND (CAST(? AS TEXT) IS NULL OR status = ?)
                        ORDER BY timestamp DESC, alert_id DESC""")
                .params(encounterId, status == null ? null : status.wireName(),
                        status == null ? null : status.wireName())
                .query(AlertView::map)
                .list();
    }
}
