package org.hospital.query.encounter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.hospital.query.Columns;
import org.hospital.query.encounter.EncounterOverview.News2;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the encounter view. Callers check access first. */
@Component
class EncounterViews {

    private static final String SUMMARY = """
            SELECT e.id, e.patient_id, e.room_id, e.room_number, e.admitted_at, e.status,
                   p.name, p.date_of_birth, p.gender
            FROM view_encounters e LEFT JOIN view_patients p ON p.id = e.patient_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    EncounterViews(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<EncounterSummary> activeEncountersOf(long doctorId) {
        return jdbc.sql(SUMMARY + " WHERE e.doctor_id = ? AND e.status = 'active' ORDER BY e.admitted_at DESC, e.id DESC")
                .param(doctorId)
                .query(this::summary)
                .list();
    }

    Optional<EncounterSummary> activeEncounterOf(long patientId) {
        return jdbc.sql(SUMMARY + """
                         WHERE e.patient_id = ? AND e.status = 'active'
                        ORDER BY e.admitted_at DESC, e.id DESC LIMIT 1""")
                .param(patientId)
                .query(this::summary)
                .optional();
    }

    boolean doctorKnown(long doctorId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM view_doctors WHERE id = ?)
                            OR EXISTS (SELECT 1 FROM view_encounters WHERE doctor_id = ?)""")
                .params(doctorId, doctorId)
                .query(Boolean.class)
                .single();
    }

    /** The encounter's own columns of the overview: status, NEWS2 and the SpO2 scale (1 until one is chosen). */
    Optional<OverviewHead> overviewHead(long encounterId) {
        return jdbc.sql("""
                        SELECT id, patient_id, status, news2_score, news2_risk, COALESCE(spo2_scale, 1) AS spo2_scale
                        FROM view_encounters WHERE id = ?""")
                .param(encounterId)
                .query((rs, row) -> {
                    Integer score = Columns.integer(rs, "news2_score");
                    News2 news2 = score == null ? null : new News2(score, rs.getString("news2_risk"));
                    return new OverviewHead(rs.getLong("id"), rs.getLong("patient_id"), rs.getString("status"),
                            news2, rs.getInt("spo2_scale"));
                })
                .optional();
    }

    record OverviewHead(long encounterId, long patientId, String status, News2 news2, int spo2Scale) {
    }

    private EncounterSummary summary(ResultSet rs, int row) throws SQLException {
        LocalDate birth = Columns.date(rs, "date_of_birth");
        var patient = new EncounterSummary.Patient(rs.getLong("patient_id"), rs.getString("name"), ageOn(birth),
                rs.getString("gender"));
        var room = new EncounterSummary.Room(rs.getLong("room_id"), rs.getString("room_number"));
        return new EncounterSummary(rs.getLong("id"), patient, room, Columns.instant(rs, "admitted_at"),
                rs.getString("status"));
    }

    /** Completed years today; null when the birth date is unknown (never a made-up 0). */
    private Integer ageOn(LocalDate birth) {
        return birth == null ? null : Period.between(birth, LocalDate.now(clock)).getYears();
    }
}
