package org.hospital.query.fhir;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hospital.query.Columns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the views the FHIR resources are made of. Callers check access first. */
@Component
class FhirViews {

    private static final String ENCOUNTER = """
            SELECT e.id, e.patient_id, e.doctor_id, d.name AS doctor_name, e.room_id, e.room_number, e.ward, e.status,
                   e.admitted_at, e.discharged_at
            FROM view_encounters e LEFT JOIN view_doctors d ON d.id = e.doctor_id
            """;

    private static final String READING_COLUMNS = """
            v.reading_id, v.encounter_id, v.patient_id, v.timestamp, v.hr_bpm, v.spo2_pct, v.temp_c, v.bp_systolic,
            v.bp_diastolic, v.resp_rate, v.source""";

    /**
     * One row per observation a reading makes (one per measurement present; the blood pressure panel for either
     * pressure), and the encounter's NEWS2 score as one more when {@code ?::boolean} allows it. Ordered by time of
     * measurement, then reading, then a fixed order of kinds, so pages do not overlap.
     */
    private static final String OBSERVATIONS = """
            WITH obs AS (
                SELECT %s, k.kind, k.ord, NULL::int AS news2_score, NULL::text AS news2_risk
                FROM view_vitals v
                CROSS JOIN LATERAL (VALUES ('hr', 1, v.hr_bpm IS NOT NULL), ('spo2', 2, v.spo2_pct IS NOT NULL),
                    ('temp', 3, v.temp_c IS NOT NULL),
                    ('bp', 4, v.bp_systolic IS NOT NULL OR v.bp_diastolic IS NOT NULL),
                    ('rr', 5, v.resp_rate IS NOT NULL)) AS k(kind, ord, present)
                WHERE v.encounter_id = ? AND k.present
                UNION ALL
                SELECT e.news2_reading_id, e.id, e.patient_id, e.news2_at, v.hr_bpm, v.spo2_pct, v.temp_c,
                       v.bp_systolic, v.bp_diastolic, v.resp_rate, v.source, 'news2', 6, e.news2_score, e.news2_risk
                FROM view_encounters e LEFT JOIN view_vitals v ON v.reading_id = e.news2_reading_id
                WHERE e.id = ? AND e.news2_score IS NOT NULL AND e.news2_reading_id IS NOT NULL AND ?
            )
            SELECT *, count(*) OVER () AS total FROM obs
            WHERE kind = ANY(?::text[])
              AND (CAST(? AS timestamptz) IS NULL OR timestamp >= CAST(? AS timestamptz))
              AND (CAST(? AS timestamptz) IS NULL OR timestamp < CAST(? AS timestamptz))
            ORDER BY timestamp %s, reading_id %s, ord
            LIMIT ? OFFSET ?""";

    private final JdbcClient jdbc;

    FhirViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PatientRow> patient(long patientId) {
        return jdbc.sql("SELECT id, name, date_of_birth, gender FROM view_patients WHERE id = ?")
                .param(patientId)
                .query((rs, row) -> new PatientRow(rs.getLong("id"), rs.getString("name"),
                        Columns.date(rs, "date_of_birth"), rs.getString("gender")))
                .optional();
    }

    Optional<EncounterRow> encounter(long encounterId) {
        return jdbc.sql(ENCOUNTER + " WHERE e.id = ?").param(encounterId).query(FhirViews::encounterRow).optional();
    }

    /** The patient's encounters, newest admission first (or oldest first when {@code ascending}). */
    List<EncounterRow> encountersOf(long patientId, boolean ascending) {
        String order = ascending ? "ASC" : "DESC";
        return jdbc.sql(ENCOUNTER + " WHERE e.patient_id = ? ORDER BY e.admitted_at " + order + ", e.id " + order)
                .param(patientId)
                .query(FhirViews::encounterRow)
                .list();
    }

    Optional<ReadingRow> reading(long readingId) {
        return jdbc.sql("SELECT " + READING_COLUMNS + " FROM view_vitals v WHERE v.reading_id = ?")
                .param(readingId)
                .query(FhirViews::readingRow)
                .optional();
    }

    /** The encounter's NEWS2 score with the reading it was computed from (the views keep only the latest). */
    private static final String NEWS2 = """
            SELECT e.id, e.patient_id, e.news2_reading_id, e.news2_score, e.news2_risk, e.news2_at,
                   v.hr_bpm, v.spo2_pct, v.temp_c, v.bp_systolic, v.bp_diastolic, v.resp_rate
            FROM view_encounters e LEFT JOIN view_vitals v ON v.reading_id = e.news2_reading_id""";

    /**
     * The NEWS2 score of the reading's encounter if it is the one computed from this reading. Found through the
     * reading's row (both look-ups by primary key): {@code news2_reading_id} has no index.
     */
    Optional<News2Row> news2(long readingId) {
        return jdbc.sql(NEWS2 + """

                        WHERE e.id = (SELECT encounter_id FROM view_vitals WHERE reading_id = ?)
                          AND e.news2_reading_id = ? AND e.news2_score IS NOT NULL""")
                .params(readingId, readingId)
                .query(FhirViews::news2Row)
                .optional();
    }

    /** The encounter's latest NEWS2 score, when there is one. */
    Optional<News2Row> news2OfEncounter(long encounterId) {
        return jdbc.sql(NEWS2 + """

                        WHERE e.id = ? AND e.news2_score IS NOT NULL AND e.news2_reading_id IS NOT NULL""")
                .param(encounterId)
                .query(FhirViews::news2Row)
                .optional();
    }

    private static News2Row news2Row(ResultSet rs, int row) throws SQLException {
        return new News2Row(rs.getLong("id"), rs.getLong("patient_id"), rs.getLong("news2_reading_id"),
                rs.getInt("news2_score"), rs.getString("news2_risk"), Columns.instant(rs, "news2_at"),
                kindsPresent(rs));
    }

    /** One page of the encounter's observations matching the search, with the total count of matches. */
    ObservationPage observations(ObservationSearch search, boolean withNews2) {
        List<ObservationRow> rows = rows(search, withNews2, search.count(), search.offset());
        if (rows.isEmpty()) {
            // An offset past the end: the total comes from the first match, if any.
            List<ObservationRow> first = rows(search, withNews2, 1, 0);
            return new ObservationPage(rows, first.isEmpty() ? 0 : first.getFirst().total());
        }
        return new ObservationPage(rows, rows.getFirst().total());
    }

    private List<ObservationRow> rows(ObservationSearch search, boolean withNews2, int limit, int offset) {
        String order = search.ascending() ? "ASC" : "DESC";
        String lower = Columns.text(search.dates().from());
        String upper = Columns.text(search.dates().before());
        return jdbc.sql(OBSERVATIONS.formatted(READING_COLUMNS, order, order))
                .params(search.encounterId(), search.encounterId(), withNews2, search.kinds().toArray(String[]::new),
                        lower, lower, upper, upper, limit, offset)
                .query(FhirViews::observationRow)
                .list();
    }

    /** Every reading of the encounter, oldest first ({@code $everything}). */
    List<ReadingRow> readingsOf(long encounterId) {
        return jdbc.sql("SELECT " + READING_COLUMNS + " FROM view_vitals v WHERE v.encounter_id = ? "
                        + "ORDER BY v.timestamp, v.reading_id")
                .param(encounterId)
                .query(FhirViews::readingRow)
                .list();
    }

    Optional<AlertRow> alert(long alertId) {
        return jdbc.sql(ALERT + " WHERE alert_id = ?").param(alertId).query(FhirViews::alertRow).optional();
    }

    /** The encounter's alerts, newest first (oldest first when {@code ascending}). */
    List<AlertRow> alertsOf(long encounterId, boolean ascending) {
        String order = ascending ? "ASC" : "DESC";
        return jdbc.sql(ALERT + " WHERE encounter_id = ? ORDER BY timestamp " + order + ", alert_id " + order)
                .param(encounterId)
                .query(FhirViews::alertRow)
                .list();
    }

    private static final String ALERT = """
            SELECT alert_id, encounter_id, patient_id, type, severity, message, timestamp, status, resolved_at
            FROM view_alerts""";

    private static EncounterRow encounterRow(ResultSet rs, int row) throws SQLException {
        return new EncounterRow(rs.getLong("id"), rs.getLong("patient_id"), rs.getLong("doctor_id"),
                rs.getString("doctor_name"), rs.getLong("room_id"), rs.getString("room_number"), rs.getString("ward"),
                rs.getString("status"), Columns.instant(rs, "admitted_at"), Columns.instant(rs, "discharged_at"));
    }

    private static ReadingRow readingRow(ResultSet rs, int row) throws SQLException {
        return new ReadingRow(rs.getLong("reading_id"), rs.getLong("encounter_id"), rs.getLong("patient_id"),
                Columns.instant(rs, "timestamp"), Columns.integer(rs, "hr_bpm"), Columns.integer(rs, "spo2_pct"),
                Columns.decimal(rs, "temp_c"), Columns.integer(rs, "bp_systolic"),
                Columns.integer(rs, "bp_diastolic"), Columns.integer(rs, "resp_rate"), rs.getString("source"));
    }

    private static ObservationRow observationRow(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString("kind");
        ReadingRow reading = readingRow(rs, row);
        News2Row news2 = "news2".equals(kind)
                ? new News2Row(reading.encounterId(), reading.patientId(), reading.readingId(),
                        rs.getInt("news2_score"), rs.getString("news2_risk"), reading.timestamp(),
                        kindsPresent(rs))
                : null;
        return new ObservationRow(kind, reading, news2, rs.getLong("total"));
    }

    private static AlertRow alertRow(ResultSet rs, int row) throws SQLException {
        return new AlertRow(rs.getLong("alert_id"), rs.getLong("encounter_id"), rs.getLong("patient_id"),
                rs.getString("type"), rs.getString("severity"), rs.getString("message"),
                Columns.instant(rs, "timestamp"), rs.getString("status"), Columns.instant(rs, "resolved_at"));
    }

    /** The vital-sign observations the NEWS2 score's reading made (its {@code derivedFrom}). */
    private static List<VitalSign> kindsPresent(ResultSet rs) throws SQLException {
        ReadingRow measurements = new ReadingRow(0, 0, 0, null, Columns.integer(rs, "hr_bpm"),
                Columns.integer(rs, "spo2_pct"), Columns.decimal(rs, "temp_c"), Columns.integer(rs, "bp_systolic"),
                Columns.integer(rs, "bp_diastolic"), Columns.integer(rs, "resp_rate"), null);
        return VitalSign.signsIn(measurements);
    }

    record PatientRow(long id, String name, LocalDate birthDate, String gender) {
    }

    record EncounterRow(long id, long patientId, long doctorId, String doctorName, long roomId, String roomNumber,
                        String ward, String status, Instant admittedAt, Instant dischargedAt) {
    }

    /** A reading; {@code source} is {@code device:<id>}, {@code user:<id>} or null (projected before it was kept). */
    record ReadingRow(long readingId, long encounterId, long patientId, Instant timestamp, Integer hrBpm,
                      Integer spo2Pct, Double tempC, Integer bpSystolic, Integer bpDiastolic, Integer respRate,
                      String source) {
    }

    record News2Row(long encounterId, long patientId, long readingId, int score, String risk, Instant scoredAt,
                    List<VitalSign> derivedFrom) {
    }

    record AlertRow(long alertId, long encounterId, long patientId, String type, String severity, String message,
                    Instant raisedAt, String status, Instant resolvedAt) {
    }

    /** One observation of a search: a vital sign of a reading ({@code kind} names which) or a NEWS2 score. */
    record ObservationRow(String kind, ReadingRow reading, News2Row news2, long total) {
    }

    record ObservationPage(List<ObservationRow> rows, long total) {
    }
}
