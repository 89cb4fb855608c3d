package org.hospital.query.vitals;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the vitals views. Callers check access first. */
@Component
public class VitalsViews {

    private final JdbcClient jdbc;

    VitalsViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The encounter's reading with the latest time of measurement, if any. */
    public Optional<VitalsReading> latestOf(long encounterId) {
        return jdbc.sql("""
                        SELECT timestamp, hr_bpm, spo2_pct, temp_c, bp_systolic, bp_diastolic, resp_rate
                        FROM view_latest_vitals WHERE encounter_id = ?""")
                .param(encounterId)
                .query(VitalsReading::map)
                .optional();
    }

    /** The patient's readings across encounters, newest measurement first. */
    List<VitalsReading> recentOf(long patientId, int limit) {
        return jdbc.sql("""
                        SELECT timestamp, hr_bpm, spo2_pct, temp_c, bp_systolic, bp_diastolic, resp_rate
                        FROM view_vitals WHERE patient_id = ?
                        ORDER BY timestamp DESC, reading_id DESC LIMIT ?""")
                .params(patientId, limit)
                .query(VitalsReading::map)
                .list();
    }
}
