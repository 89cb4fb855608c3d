package org.hospital.query.vitals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.hospital.query.Columns;

/**
 * One reading as docs/api.md, Query side shows it ({@code latest_vitals} and the recent list); absent measurements are
 * null.
 */
public record VitalsReading(Instant timestamp, Integer hrBpm, Integer spo2Pct, Double tempC, Integer bpSystolic,
                            Integer bpDiastolic, Integer respRate) {

    static VitalsReading map(ResultSet rs, int row) throws SQLException {
        return new VitalsReading(Columns.instant(rs, "timestamp"), Columns.integer(rs, "hr_bpm"),
                Columns.integer(rs, "spo2_pct"), Columns.decimal(rs, "temp_c"), Columns.integer(rs, "bp_systolic"),
                Columns.integer(rs, "bp_diastolic"), Columns.integer(rs, "resp_rate"));
    }
}
