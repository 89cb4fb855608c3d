package org.hospital.query.observation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.hospital.events.ObservationRecorded;
import org.hospital.platform.messaging.PositionCarryingConverter;
import org.hospital.query.Columns;
import org.hospital.query.QuerySideConfiguration;
import org.hospital.query.consistency.ProjectionPositions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One row per note, keyed by its id: notes are never edited, so a redelivered event is ignored. */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class ObservationProjection {

    private final JdbcClient jdbc;
    private final ProjectionPositions positions;

    ObservationProjection(JdbcClient jdbc, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    @EventHandler
    void on(ObservationRecorded event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        jdbc.sql("""
                        INSERT INTO view_observations (id, encounter_id, patient_id, author_id, note, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.observationId(), event.encounterId(), event.patientId(), event.authorId(),
                        event.note(), Columns.utc(event.createdAt()))
                .update();
        positions.advance(event.encounterId(), position);
    }
}
