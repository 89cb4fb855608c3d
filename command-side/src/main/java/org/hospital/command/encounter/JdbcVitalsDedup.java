package org.hospital.command.encounter;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link VitalsDedup} on {@code vitals_dedup}. The claim uses {@code ON CONFLICT DO NOTHING}: a concurrent claim of
 * the same key waits for the other transaction and then sees the conflict without aborting this one, so the other
 * readings of a batch are still stored.
 */
@Component
class JdbcVitalsDedup implements VitalsDedup {

    private final JdbcTemplate jdbc;

    JdbcVitalsDedup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Earlier> earlier(RecordVitals reading) {
        return jdbc.query("""
                        SELECT reading_id, body_hash FROM vitals_dedup
                        WHERE (encounter_id = ? AND measured_at = ? AND source = ?)
                           OR (source = ? AND idempotency_key = ?)""",
                (rs, n) -> new Earlier(rs.getLong(1), rs.getString(2)), reading.encounterId(),
                Timestamp.from(reading.timestamp()), reading.source(), reading.source(), reading.idempotencyKey());
    }

    @Override
    public boolean tryClaim(RecordVitals reading, String contentHash) {
        return jdbc.update("""
                        INSERT INTO vitals_dedup (reading_id, encounter_id, measured_at, source, idempotency_key,
                                                  body_hash)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", reading.readingId(),
                reading.encounterId(), Timestamp.from(reading.timestamp()), reading.source(),
                reading.idempotencyKey(), contentHash) == 1;
    }
}
