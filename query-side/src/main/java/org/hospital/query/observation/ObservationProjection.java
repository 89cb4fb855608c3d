package org.hospital.query.observation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.hospital.events.ObservationRecorded;
import org.hospital.query.Columns;
import org.hospital.query.QuerySideConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One row per note, keyed by its id: notes are never edited, so a redelivered event is ignored. */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class ObservationProjection {

    private final JdbcClient jdbc;

    ObservationProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ObservationRecorded event) {
        jdbc.sql("""
                        INSERT INTO view_observations (id, encounter_id, patient_id, author_id, note, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.observationId(), event.encounterId(), event.patientId(), event.authorId(),
                        event.note(), Columns.utc(event.createdAt()))
                .update();
    }
}
