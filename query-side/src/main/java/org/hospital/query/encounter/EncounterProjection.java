package org.hospital.query.encounter;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientTransferred;
import org.hospital.query.Columns;
import org.hospital.query.QuerySideConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps one row per encounter. The admission creates it once (a redelivered admission leaves a later transfer or
 * discharge in place); transfer and discharge set absolute values, so applying them again changes nothing.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class EncounterProjection {

    private static final Logger log = LoggerFactory.getLogger(EncounterProjection.class);

    private final JdbcClient jdbc;

    EncounterProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PatientAdmitted event) {
        jdbc.sql("""
                        INSERT INTO view_encounters (id, patient_id, doctor_id, room_id, room_number, ward, status,
                            admitted_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'active', ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.encounterId(), event.patientId(), event.doctorId(), event.roomId(), event.roomNumber(),
                        event.ward(), Columns.utc(event.admittedAt()))
                .update();
    }

    @EventHandler
    void on(PatientTransferred event) {
        int updated = jdbc.sql("UPDATE view_encounters SET room_id = ?, room_number = ?, ward = ? WHERE id = ?")
                .params(event.toRoomId(), event.toRoomNumber(), event.toWard(), event.encounterId())
                .update();
        warnIfUnknown(updated, "transfer", event.encounterId());
    }

    @EventHandler
    void on(PatientDischarged event) {
        int updated = jdbc.sql("UPDATE view_encounters SET status = 'discharged', discharged_at = ? WHERE id = ?")
                .params(Columns.utc(event.dischargedAt()), event.encounterId())
                .update();
        warnIfUnknown(updated, "discharge", event.encounterId());
    }

    /** Per-encounter order makes this impossible unless the topic lost or reordered events: tell operators. */
    private static void warnIfUnknown(int updated, String what, long encounterId) {
        if (updated == 0) {
            log.warn("Ignored {} of encounter {}: its admission has not been projected", what, encounterId);
        }
    }
}
