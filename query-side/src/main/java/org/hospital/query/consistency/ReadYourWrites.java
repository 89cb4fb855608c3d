package org.hospital.query.consistency;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.hospital.query.QuerySettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets a read wait (bounded by {@code hospital.query.read-your-writes-timeout}) until the projections have applied
 * an encounter's or a patient's events up to the position a client's write was answered with. A commit in this
 * process wakes the wait at once; otherwise it looks again every poll interval (the encounter may be projected by
 * another instance). The wait happens before any access check, so the check sees the same data the answer shows.
 */
@Component
public class ReadYourWrites {

    private final JdbcClient jdbc;
    private final CommitSignal commits;
    private final Duration timeout;
    private final Duration pollInterval;

    ReadYourWrites(JdbcClient jdbc, ProjectionPositions positions, QuerySettings settings) {
        this.jdbc = jdbc;
        this.commits = positions.commits();
        this.timeout = settings.readYourWritesTimeout();
        this.pollInterval = settings.readYourWritesPollInterval();
    }

    /** Waits for the encounter's projection to reach {@code min}; unknown encounters never do. */
    public Freshness awaitEncounter(long encounterId, MinPosition min) {
        return await(min, () -> positionOf(jdbc.sql("SELECT last_position FROM view_encounters WHERE id = ?")
                .param(encounterId)));
    }

    /**
     * Waits for the patient's current (or last) encounter to reach {@code min}. The patient's registration counts
     * too: it is the patient's only event before the first admission, so a client that just registered the patient
     * does not wait in vain, and any later write of the patient's has a higher position than it.
     */
    public Freshness awaitPatient(long patientId, MinPosition min) {
        return await(min, () -> positionOf(jdbc.sql("""
                        SELECT GREATEST(
                            (SELECT last_position FROM view_patients WHERE id = ?),
                            (SELECT last_position FROM view_encounters WHERE patient_id = ?
                             ORDER BY admitted_at DESC, id DESC LIMIT 1))""")
                .params(patientId, patientId)));
    }

    private Freshness await(MinPosition min, LongSupplier reachedPosition) {
        if (!min.requested()) {
            return Freshness.NOT_REQUESTED;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long seen = commits.version();
                if (reachedPosition.getAsLong() >= min.value()) {
                    return new Freshness(true, true);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return new Freshness(true, false);
                }
                commits.awaitAfter(seen, Duration.ofNanos(Math.min(remaining, pollInterval.toNanos())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Freshness(true, false);
        }
    }

    /** The position a query found, or -1 when there is none yet. */
    private static long positionOf(JdbcClient.StatementSpec query) {
        Long position = query.query(Long.class).optional().orElse(null);
        return position == null ? -1 : position;
    }
}
