package org.hospital.query.vitals;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.hospital.events.VitalsRecorded;
import org.hospital.platform.messaging.EventPositions;
import org.hospital.query.Columns;
import org.hospital.query.QuerySideConfiguration;
import org.hospital.query.consistency.ProjectionPositions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores every reading once (keyed by reading id) and moves the encounter's latest reading forward only when the
 * new one was measured later: devices resend and batch old readings, and arrival order is not measurement order.
 * <p>
 * This is the hot path (every reading of every bed), so a reading costs one statement and one round trip: the
 * insert, the latest-reading upsert (fed from the insert's result, so a redelivered reading touches nothing) and the
 * encounter's read-your-writes position, each by primary key.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class VitalsProjection {

    private final JdbcClient jdbc;
    private final ProjectionPositions positions;

    VitalsProjection(JdbcClient jdbc, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    @EventHandler
    void on(VitalsRecorded event, @MetaDataValue(EventPositions.METADATA_KEY) Long position) {
        jdbc.sql("""
                        WITH reading AS (
                            INSERT INTO view_vitals (reading_id, encounter_id, patient_id, timestamp, hr_bpm, spo2_pct,
                                temp_c, bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness, received_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (reading_id) DO NOTHING
                            RETURNING *
                        ), latest AS (
                            INSERT INTO view_latest_vitals AS latest (encounter_id, reading_id, patient_id, timestamp,
                                hr_bpm, spo2_pct, temp_c, bp_systolic, bp_diastolic, resp_rate, on_oxygen,
                                consciousness)
                            SELECT encounter_id, reading_id, patient_id, timestamp, hr_bpm, spo2_pct, temp_c,
                                bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness
                            FROM reading
                            ON CONFLICT (encounter_id) DO UPDATE SET reading_id = EXCLUDED.reading_id,
                                patient_id = EXCLUDED.patient_id, timestamp = EXCLUDED.timestamp,
                                hr_bpm = EXCLUDED.hr_bpm, spo2_pct = EXCLUDED.spo2_pct, temp_c = EXCLUDED.temp_c,
                                bp_systolic = EXCLUDED.bp_systolic, bp_diastolic = EXCLUDED.bp_diastolic,
                                resp_rate = EXCLUDED.resp_rate, on_oxygen = EXCLUDED.on_oxygen,
                                consciousness = EXCLUDED.consciousness
                            WHERE (latest.timestamp, latest.reading_id) < (EXCLUDED.timestamp, EXCLUDED.reading_id)
                        )
                        UPDATE view_encounters SET last_position = ?
                        WHERE id = ? AND (last_position IS NULL OR last_position < ?)""")
                .params(event.readingId(), event.encounterId(), event.patientId(), Columns.utc(event.timestamp()),
                        event.hrBpm(), event.spo2Pct(), event.tempC(), event.bpSystolic(), event.bpDiastolic(),
                        event.respRate(), event.onOxygen(), event.consciousness(),
                        Columns.utc(event.receivedAt() != null ? event.receivedAt() : event.timestamp()),
                        position, event.encounterId(), position)
                .update();
        positions.announce();
    }
}
