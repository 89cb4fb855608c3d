package org.hospital.query.vitals;

import static org.hospital.query.Columns.column;
import static org.hospital.query.Columns.text;

import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.hospital.events.VitalsRecorded;
import org.hospital.platform.messaging.PositionCarryingConverter;
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
    void on(VitalsRecorded event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        writes.add(READINGS, new Reading(event, position), this::store);
        positions.announce();
    }

    private record Reading(VitalsRecorded event, Long position) {

        Instant receivedAt() {
            return event.receivedAt() != null ? event.receivedAt() : event.timestamp();
        }
    }

    private void store(List<Reading> readings) {
        jdbc.sql("""
                        WITH input AS (
                            SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::int[],
                                ?::int[], ?::float8[], ?::int[], ?::int[], ?::int[], ?::boolean[], ?::text[],
                                ?::timestamptz[], ?::bigint[], ?::text[])
                              AS r(reading_id, encounter_id, patient_id, timestamp, hr_bpm, spo2_pct, temp_c,
                                   bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness, received_at,
                                   position, source)
                        ), reading AS (
                            INSERT INTO view_vitals (reading_id, encounter_id, patient_id, timestamp, hr_bpm, spo2_pct,
                                temp_c, bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness, received_at,
                                source)
                            SELECT reading_id, encounter_id, patient_id, timestamp, hr_bpm, spo2_pct, temp_c,
                                bp_systolic, bp_diastolic, resp_rate, on_oxygen, consciousness, received_at, source
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
                .params(column(readings, r -> r.event().readingId(), Long[]::new),
                        column(readings, r -> r.event().encounterId(), Long[]::new),
                        column(readings, r -> r.event().patientId(), Long[]::new),
                        column(readings, r -> text(r.event().timestamp()), String[]::new),
                        column(readings, r -> r.event().hrBpm(), Integer[]::new),
                        column(readings, r -> r.event().spo2Pct(), Integer[]::new),
                        column(readings, r -> r.event().tempC(), Double[]::new),
                        column(readings, r -> r.event().bpSystolic(), Integer[]::new),
                        column(readings, r -> r.event().bpDiastolic(), Integer[]::new),
                        column(readings, r -> r.event().respRate(), Integer[]::new),
                        column(readings, r -> r.event().onOxygen(), Boolean[]::new),
                        column(readings, r -> r.event().consciousness(), String[]::new),
                        column(readings, r -> text(r.receivedAt()), String[]::new),
                        column(readings, Reading::position, Long[]::new),
                        column(readings, r -> r.event().source(), String[]::new))
                .update();
    }
}
