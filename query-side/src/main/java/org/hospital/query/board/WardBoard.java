package org.hospital.query.board;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hospital.query.Columns;
import org.hospital.query.board.BoardTile.Measured;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the tiles of a board in one statement: the active encounters of a ward or of a doctor with their patient,
 * the latest value of each vital sign (within the 24 hours before the encounter's newest reading, so a sign measured
 * once long ago does not make the statement scan the whole stay) and the unresolved alerts. Callers check access.
 */
@Component
class WardBoard {

    /** The vital signs of a tile: column of {@code view_vitals}. */
    private static final List<String> SIGNS = List.of("hr_bpm", "spo2_pct", "temp_c", "bp_systolic", "bp_diastolic",
            "resp_rate", "on_oxygen", "consciousness");

    private static final String UTC_TEXT = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private static final String TILES = """
            SELECT e.id, e.patient_id, e.room_id, e.room_number, e.ward, e.admitted_at,
                   e.news2_score, e.news2_risk, e.news2_at, e.news2_monitoring_minutes, p.name, p.date_of_birth, p.gender,
                   lv.timestamp AS last_reading_at, %s, al.alerts
            FROM view_encounters e
            LEFT JOIN view_patients p ON p.id = e.patient_id
            LEFT JOIN view_latest_vitals lv ON lv.encounter_id = e.id
            %s
            LEFT JOIN LATERAL (
                SELECT json_agg(json_build_object('id', a.alert_id, 'type', a.type, 'severity', a.severity,
                           'message', a.message, 'status', a.status, 'timestamp', %s, 'occurrences', a.occurrences,
                           'last_seen_at', %s) ORDER BY a.timestamp DESC, a.alert_id DESC) AS alerts
                FROM view_alerts a WHERE a.encounter_id = e.id AND a.status <> 'resolved') al ON TRUE
            WHERE e.status = 'active'
              AND (CAST(:ward AS text) IS NULL OR e.ward = :ward)
              AND (CAST(:doctor AS bigint) IS NULL OR e.doctor_id = :doctor)
            """.formatted(
            SIGNS.stream().map(s -> "s_" + s + "." + s + ", s_" + s + ".timestamp AS " + s + "_at")
                    .collect(Collectors.joining(", ")),
            SIGNS.stream().map(s -> """
                    LEFT JOIN LATERAL (SELECT v.%1$s, v.timestamp FROM view_vitals v
                        WHERE v.encounter_id = e.id AND v.%1$s IS NOT NULL
                          AND v.timestamp >= lv.timestamp - interval '24 hours'
                        ORDER BY v.timestamp DESC, v.reading_id DESC LIMIT 1) s_%1$s ON TRUE""".formatted(s))
                    .collect(Collectors.joining("\n")),
            UTC_TEXT.formatted("a.timestamp"), UTC_TEXT.formatted("a.last_seen_at"));

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    WardBoard(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** The occupied beds of {@code ward} (any doctor) or of {@code doctorId} (any ward, or only {@code ward}). */
    List<BoardTile> tiles(String ward, Long doctorId) {
        Instant now = clock.instant();
        return jdbc.sql(TILES).param("ward", ward).param("doctor", doctorId)
                .query(this::tile)
                .list().stream()
                .sorted(Urgency.mostUrgentFirst(now))
                .toList();
    }

    /** Every ward with a room or an occupied bed, for an administrator's choice. */
    List<String> wards() {
        return jdbc.sql("""
                        SELECT ward FROM view_rooms UNION SELECT ward FROM view_encounters WHERE status = 'active'
                        ORDER BY 1""")
                .query(String.class).list();
    }

    private BoardTile tile(ResultSet rs, int row) throws SQLException {
        LocalDate birth = Columns.date(rs, "date_of_birth");
        var patient = new BoardTile.Patient(rs.getLong("patient_id"), rs.getString("name"),
                birth == null ? null : Period.between(birth, LocalDate.now(clock)).getYears(), rs.getString("gender"));
        var vitals = new BoardTile.Vitals(measured(rs, "hr_bpm", Columns::integer),
                measured(rs, "spo2_pct", Columns::integer), measured(rs, "temp_c", Columns::decimal),
                measured(rs, "bp_systolic", Columns::integer), measured(rs, "bp_diastolic", Columns::integer),
                measured(rs, "resp_rate", Columns::integer),
                measured(rs, "on_oxygen", Columns::bool),
                measured(rs, "consciousness", ResultSet::getString));
        Integer score = Columns.integer(rs, "news2_score");
        String risk = rs.getString("news2_risk");
        News2Band band = News2Band.of(score, risk);
        BoardTile.News2 news2 = score == null ? null
                : new BoardTile.News2(score, risk, band.wireName(), band.label(), Columns.instant(rs, "news2_at"));
        List<BoardTile.Alert> alerts = alerts(rs.getString("alerts"));
        Instant lastReading = Columns.instant(rs, "last_reading_at");
        // RCP 2017 chart 4: the next observations are due one monitoring interval after the newest measurement (the
        // alerting side's, carried by the score; the band's default for scores recorded before it was); a patient
        // never measured is due now (from the admission).
        Integer minutes = Columns.integer(rs, "news2_monitoring_minutes");
        Instant due = lastReading == null ? Columns.instant(rs, "admitted_at")
                : lastReading.plus(minutes != null ? Duration.ofMinutes(minutes) : band.monitoringInterval());
        return new BoardTile(rs.getLong("id"), patient,
                new BoardTile.Room(rs.getLong("room_id"), rs.getString("room_number")), rs.getString("ward"),
                Columns.instant(rs, "admitted_at"), vitals, news2, alerts, counts(alerts), lastReading, due,
                Urgency.of(band, alerts));
    }

    private interface Column<T> {
        T read(ResultSet rs, String column) throws SQLException;
    }

    private static <T> Measured<T> measured(ResultSet rs, String sign, Column<T> column) throws SQLException {
        Instant at = Columns.instant(rs, sign + "_at");
        return at == null ? null : new Measured<>(column.read(rs, sign), at);
    }

    private List<BoardTile.Alert> alerts(String array) {
        if (array == null) {
            return List.of();
        }
        List<BoardTile.Alert> alerts = new ArrayList<>();
        for (JsonNode node : json.readTree(array)) {
            alerts.add(new BoardTile.Alert(node.get("id").asLong(), node.get("type").asString(),
                    node.get("severity").asString(), node.get("message").asString(), node.get("status").asString(),
                    Instant.parse(node.get("timestamp").asString()), node.get("occurrences").asInt(),
                    Instant.parse(node.get("last_seen_at").asString())));
        }
        alerts.sort(Comparator.comparingInt((BoardTile.Alert alert) -> Urgency.severityRank(alert.severity()))
                .reversed());
        return List.copyOf(alerts);
    }

    private static BoardTile.AlertCounts counts(List<BoardTile.Alert> alerts) {
        Function<String, Integer> count = severity -> (int) alerts.stream()
                .filter(alert -> severity.equals(alert.severity())).count();
        return new BoardTile.AlertCounts(count.apply("critical"), count.apply("high"), count.apply("medium"),
                count.apply("low"));
    }
}
