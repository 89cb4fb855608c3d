package org.hospital.query.observation;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the observation view. Callers check access first. */
@Component
public class ObservationViews {

    private final JdbcClient jdbc;

    ObservationViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The encounter's most recent note, if any. */
    public Optional<ObservationView> lastOf(long encounterId) {
        return jdbc.sql("""
                        SELECT id, note, created_at, author_id FROM view_observations WHERE encounter_id = ?
                        ORDER BY created_at DESC, id DESC LIMIT 1""")
                .param(encounterId)
                .query(ObservationView::map)
                .optional();
    }

    List<ObservationView> recentOf(long encounterId, int limit) {
        return jdbc.sql("""
                        SELECT id, note, created_at, author_id FROM view_observations WHERE encounter_id = ?
                        ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(encounterId, limit)
                .query(ObservationView::map)
                .list();
    }
}
