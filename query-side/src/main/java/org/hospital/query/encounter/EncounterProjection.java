package org.hospital.query.encounter;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.hospital.events.News2Scored;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientTransferred;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.platform.messaging.PositionCarryingConverter;
import org.hospital.query.Columns;
import org.hospital.query.QuerySideConfiguration;
import org.hospital.query.consistency.ProjectionPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps one row per encounter. The admission creates it once (a redelivered admission leaves a later transfer or
 * discharge in place); transfer, discharge and the SpO2 scale set absolute values, and a NEWS2 score replaces only
 * an older one, so applying any of them again changes nothing. Each statement also moves the encounter's
 * {@code last_position} forward (read-your-writes).
 */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class EncounterProjection {

    private static final Logger log = LoggerFactory.getLogger(EncounterProjection.class);

    /** Never moves the position back; a null position (an event consumed without one) keeps it. */
    private static final String ADVANCE_POSITION = "last_position = GREATEST(last_position, CAST(? AS BIGINT))";

    private final JdbcClient jdbc;
    private final ProjectionPositions positions;

    EncounterProjection(JdbcClient jdbc, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    @EventHandler
    void on(PatientAdmitted event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        jdbc.sql("""
                        INSERT INTO view_encounters AS e (id, patient_id, doctor_id, room_id, room_number, ward, status,
                            admitted_at, last_position)
                        VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)
                        ON CONFLICT (id) DO UPDATE SET last_position = GREATEST(e.last_position, EXCLUDED.last_position)
                        WHERE e.last_position IS NULL OR EXCLUDED.last_position > e.last_position""")
                .params(event.encounterId(), event.patientId(), event.doctorId(), event.roomId(), event.roomNumber(),
                        event.ward(), Columns.utc(event.admittedAt()), position)
                .update();
        positions.announce();
    }

    @EventHandler
    void on(PatientTransferred event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        int updated = jdbc.sql("UPDATE view_encounters SET room_id = ?, room_number = ?, ward = ?, " + ADVANCE_POSITION
                        + " WHERE id = ?")
                .params(event.toRoomId(), event.toRoomNumber(), event.toWard(), position, event.encounterId())
                .update();
        warnIfUnknown(updated, "transfer", event.encounterId());
        positions.announce();
    }

    @EventHandler
    void on(PatientDischarged event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        int updated = jdbc.sql("UPDATE view_encounters SET status = 'discharged', discharged_at = ?, "
                        + ADVANCE_POSITION + " WHERE id = ?")
                .params(Columns.utc(event.dischargedAt()), position, event.encounterId())
                .update();
        warnIfUnknown(updated, "discharge", event.encounterId());
        positions.announce();
    }

    /** The overview's {@code news2}: the score computed last (by time of scoring, then reading) wins. */
    @EventHandler
    void on(News2Scored event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        int updated = jdbc.sql("""
                        UPDATE view_encounters SET news2_score = ?, news2_risk = ?, news2_at = ?, news2_reading_id = ?,
                            news2_monitoring_minutes = ?
                        WHERE id = ? AND (news2_at IS NULL OR news2_at < ?
                            OR (news2_at = ? AND news2_reading_id <= ?))""")
                .params(event.score(), event.risk(), Columns.utc(event.scoredAt()), event.readingId(),
                        event.monitoringIntervalMinutes(), event.encounterId(), Columns.utc(event.scoredAt()), Columns.utc(event.scoredAt()),
                        event.readingId())
                .update();
        if (updated == 0) {
            log.debug("Kept a newer NEWS2 score of encounter {}", event.encounterId());
        }
        positions.advance(event.encounterId(), position);
    }

    @EventHandler
    void on(Spo2ScaleChanged event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        int updated = jdbc.sql("UPDATE view_encounters SET spo2_scale = ?, " + ADVANCE_POSITION + " WHERE id = ?")
                .params(event.scale(), position, event.encounterId())
                .update();
        warnIfUnknown(updated, "SpO2 scale change", event.encounterId());
        positions.announce();
    }

    /** Per-encounter order makes this impossible unless the topic lost or reordered events: tell operators. */
    private static void warnIfUnknown(int updated, String what, long encounterId) {
        if (updated == 0) {
            log.warn("Ignored {} of encounter {}: its admission has not been projected", what, encounterId);
        }
    }
}
