package org.hospital.query.observation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.hospital.query.Columns;

/** An observation note as docs/api.md, Query side shows it ({@code last_observation}). */
public record ObservationView(long id, String note, Instant createdAt, long authorId) {

    static ObservationView map(ResultSet rs, int row) throws SQLException {
        return new ObservationView(rs.getLong("id"), rs.getString("note"), Columns.instant(rs, "created_at"),
                rs.getLong("author_id"));
    }
}
