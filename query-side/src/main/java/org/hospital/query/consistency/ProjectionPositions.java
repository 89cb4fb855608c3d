package org.hospital.query.consistency;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records how far the projections got for each encounter: every handler of an encounter event calls
 * {@link #advance} (or writes {@code last_position} in its own statement and calls {@link #announce}) in the
 * transaction of its rows. Events consumed without a position (older records) leave it as it was.
 */
@Component
public class ProjectionPositions {

    private final JdbcClient jdbc;
    private final CommitSignal commits = new CommitSignal();

    ProjectionPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves the encounter's position forward (never back: a redelivered event is older than what was applied). */
    public void advance(long encounterId, Long position) {
        if (position != null) {
            jdbc.sql("""
                            UPDATE view_encounters SET last_position = ?
                            WHERE id = ? AND (last_position IS NULL OR last_position < ?)""")
                    .params(position, encounterId, position)
                    .update();
        }
        announce();
    }

    /** Wakes waiting reads when the current transaction commits. */
    public void announce() {
        commits.afterCommit();
    }

    CommitSignal commits() {
        return commits;
    }
}
