package org.hospital.query.board;

import java.time.Instant;
import java.util.List;
import org.hospital.query.Columns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads an encounter's trend. The scores come from the audit history ({@code audit_event}, every {@code News2Scored}
 * as it was stored): the views keep only the latest score. Callers check access.
 */
@Component
class TrendViews {

    private final JdbcClient jdbc;

    TrendViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Trend.Reading> readings(long encounterId, Instant from) {
        return jdbc.sql("""
                        SELECT DISTINCT ON (date_trunc('minute', timestamp)) timestamp, hr_bpm, spo2_pct, temp_c,
                               bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness
                        FROM view_vitals WHERE encounter_id = ? AND timestamp >= ?
                        ORDER BY date_trunc('minute', timestamp), timestamp DESC, reading_id DESC""")
                .params(encounterId, Columns.utc(from))
                .query((rs, row) -> new Trend.Reading(Columns.instant(rs, "timestamp"),
                        Columns.integer(rs, "hr_bpm"), Columns.integer(rs, "spo2_pct"), Columns.decimal(rs, "temp_c"),
                        Columns.integer(rs, "bp_systolic"), Columns.integer(rs, "bp_diastolic"),
                        Columns.integer(rs, "resp_rate"), Columns.bool(rs, "on_oxygen"),
                        rs.getString("consciousness")))
                .list();
    }

    /** Each score at the time of measurement of the reading it scored (its scoring time if that reading is gone). */
    List<Trend.Score> scores(long encounterId, Instant from) {
        return jdbc.sql("""
                        SELECT score, risk, scored_at, measured_at FROM (
                            SELECT (a.payload->>'score')::int AS score, a.payload->>'risk' AS risk,
                                   (a.payload->>'scored_at')::timestamptz AS scored_at,
                                   COALESCE(v.timestamp, (a.payload->>'scored_at')::timestamptz) AS measured_at,
                                   a.position
                            FROM audit_event a
                            LEFT JOIN view_vitals v ON v.reading_id = (a.payload->>'reading_id')::bigint
                            WHERE a.encounter_id = ? AND a.type = 'News2Scored') s
                        WHERE measured_at >= ?
                        ORDER BY measured_at, position""")
                .params(encounterId, Columns.utc(from))
                .query((rs, row) -> {
                    News2Band band = News2Band.of(rs.getInt("score"), rs.getString("risk"));
                    return new Trend.Score(rs.getInt("score"), rs.getString("risk"), band.wireName(), band.label(),
                            Columns.instant(rs, "measured_at"), Columns.instant(rs, "scored_at"));
                })
                .list();
    }
}
