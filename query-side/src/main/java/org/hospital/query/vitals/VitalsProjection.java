package org.hospital.query.vitals;

import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.hospital.events.VitalsRecorded;
import org.hospital.platform.messaging.EventPositions;
import org.hospital.query.QuerySideConfiguration;
import org.hospital.query.batch.ProjectionWrites;
import org.hospital.query.consistency.ProjectionPositions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores every reading once (keyed by reading id) and moves the encounter's latest reading forward only when the
 * new one was measured later: devices resend and batch old readings, and arrival order is not measurement order.
 * <p>
 * This is the hot path (every reading of every bed), so the readings of a processor batch are written together
 * ({@link ProjectionWrites}): one statement for the whole batch inserts the readings, moves each encounter's latest
 * reading (fed from the insert's result, so a redelivered reading touches nothing) and each encounter's
 * read-your-writes position.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class VitalsProjection {

    private static final Object READINGS = new Object();

    private final JdbcClient jdbc;
    private final ProjectionPositions positions;
    private final ProjectionWrites writes;

    VitalsProjection(JdbcClient jdbc, ProjectionPositions positions, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.writes = writes;
    }

    @EventHandler
    void on(VitalsRecorded event, @MetaDataValue(EventPositions.METADATA_KEY) Long position) {
        writes.add(READINGS, new Reading(event, position), this::store);
        positions.announce();
    }

    private record Reading(VitalsRecorded event, Long position) {

        Instant receivedAt() {
            return event.receivedAt() != null ? event.receivedAt() : event.timestamp();
        }
    }

    private void store(List<Reading> readings) {
        int n = readings.size();
        Long[] readingIds = new Long[n];
        Long[] encounterIds = new Long[n];
        Long[] patientIds = new Long[n];
        String[] timestamps = new String[n];
        Integer[] hr = new Integer[n];
        Integer[] spo2 = new Integer[n];
        Double[] temp = new Double[n];
        Integer[] systolic = new Integer[n];
        Integer[] diastolic = new Integer[n];
        Integer[] resp = new Integer[n];
        Boolean[] oxygen = new Boolean[n];
        String[] consciousness = new String[n];
        String[] receivedAt = new String[n];
        Long[] eventPositions = new Long[n];
        for (int i = 0; i < n; i++) {
            VitalsRecorded event = readings.get(i).event();
            readingIds[i] = event.readingId();
            encounterIds[i] = event.encounterId();
            patientIds[i] = event.patientId();
            timestamps[i] = text(event.timestamp());
            hr[i] = event.hrBpm();
            spo2[i] = event.spo2Pct();
            temp[i] = event.tempC();
            systolic[i] = event.bpSystolic();
            diastolic[i] = event.bpDiastolic();
            resp[i] = event.respRate();
            oxygen[i] = event.onOxygen();
            consciousness[i] = event.consciousness();
            receivedAt[i] = text(readings.get(i).receivedAt());
            eventPositions[i] = readings.get(i).position();
        }
        jdbc.sql("""
                        WITH input AS (
                            SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::int[],
                                ?::int[], ?::float8[], ?::int[], ?::int[], ?::int[], ?::boolean[], ?::text[],
                                ?::timestamptz[], ?::bigint[])
                              AS r(reading_id, encounter_id, patient_id, timestamp, hr_bpm, spo2_pct, temp_c,
                                   bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness, received_at,
                                   position)
                        ), reading AS (
                            INSERT INTO view_vitals (reading_id, encounter_id, patient_id, timestamp, hr_bpm, spo2_pct,
                                temp_c, bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness, received_at)
                            SELECT reading_id, encounter_id, patient_id, timestamp, hr_bpm, spo2_pct, temp_c,
                                bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness, received_at
                            FROM input
                            ON CONFLICT (reading_id) DO NOTHING
                            RETURNING *
                        ), latest AS (
                            INSERT INTO view_latest_vitals AS latest (encounter_id, reading_id, patient_id, timestamp,
                                hr_bpm, spo2_pct, temp_c, bp_systolic, bp_diastolic, resp_rate, on_oxygen,
                                consciousness)
                            SELECT DISTINCT ON (encounter_id) encounter_id, reading_id, patient_id, timestamp, hr_bpm,
                                spo2_pct, temp_c, bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness
                            FROM reading
                            ORDER BY encounter_id, timestamp DESC, reading_id DESC
                            ON CONFLICT (encounter_id) DO UPDATE SET reading_id = EXCLUDED.reading_id,
                                patient_id = EXCLUDED.patient_id, timestamp = EXCLUDED.timestamp,
                                hr_bpm = EXCLUDED.hr_bpm, spo2_pct = EXCLUDED.spo2_pct, temp_c = EXCLUDED.temp_c,
                                bp_systolic = EXCLUDED.bp_systolic, bp_diastolic = EXCLUDED.bp_diastolic,
                                resp_rate = EXCLUDED.resp_rate, on_oxygen = EXCLUDED.on_oxygen,
                                consciousness = EXCLUDED.consciousness
                            WHERE (latest.timestamp, latest.reading_id) < (EXCLUDED.timestamp, EXCLUDED.reading_id)
                        )
                        UPDATE view_encounters e SET last_position = p.position
                        FROM (SELECT encounter_id, max(position) AS position FROM input
                              WHERE position IS NOT NULL GROUP BY encounter_id) p
                        WHERE e.id = p.encounter_id AND (e.last_position IS NULL OR e.last_position < p.position)""")
                .params(readingIds, encounterIds, patientIds, timestamps, hr, spo2, temp, systolic, diastolic, resp,
                        oxygen, consciousness, receivedAt, eventPositions)
                .update();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
