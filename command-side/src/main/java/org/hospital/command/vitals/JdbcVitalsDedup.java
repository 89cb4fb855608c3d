package org.hospital.command.vitals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hospital.command.encounter.NewReading;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link VitalsDedup} on {@code vitals_dedup}, one statement per call whatever the number of readings: the readings
 * travel as parallel arrays and are unnested in PostgreSQL. The claim uses {@code ON CONFLICT DO NOTHING}: a
 * concurrent claim of the same key waits for the other transaction and then sees the conflict without aborting this
 * one, so the other readings of a batch are still stored. Measurement times travel as ISO-8601 text so that the
 * claim and the look-up compare them the same way.
 */
@Component
class JdbcVitalsDedup implements VitalsDedup {

    private static final String READINGS = """
            unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
              AS r(reading_id, encounter_id, measured_at, source, idempotency_key, body_hash)""";

    private final JdbcTemplate jdbc;

    JdbcVitalsDedup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Long> claim(List<NewReading> readings) {
        if (readings.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("""
                INSERT INTO vitals_dedup (reading_id, encounter_id, measured_at, source, idempotency_key, body_hash)
                SELECT reading_id, encounter_id, measured_at::timestamptz, source, idempotency_key, body_hash
                FROM %s
                ON CONFLICT DO NOTHING
                RETURNING reading_id""".formatted(READINGS), Long.class, columns(readings)));
    }

    @Override
    public Map<Long, List<Earlier>> earlier(List<NewReading> readings) {
        Map<Long, List<Earlier>> found = new HashMap<>();
        if (readings.isEmpty()) {
            return found;
        }
        jdbc.query("""
                        WITH r AS (SELECT * FROM %s)
                        SELECT r.reading_id, d.reading_id, d.body_hash FROM r JOIN vitals_dedup d
                          ON d.encounter_id = r.encounter_id AND d.measured_at = r.measured_at::timestamptz
                         AND d.source = r.source
                        UNION
                        SELECT r.reading_id, d.reading_id, d.body_hash FROM r JOIN vitals_dedup d
                          ON d.source = r.source AND d.idempotency_key = r.idempotency_key""".formatted(READINGS),
                rs -> {
                    found.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new Earlier(rs.getLong(2), rs.getString(3)));
                }, columns(readings));
        return found;
    }

    private static Object[] columns(List<NewReading> readings) {
        int n = readings.size();
        Long[] readingIds = new Long[n];
        Long[] encounterIds = new Long[n];
        String[] measuredAt = new String[n];
        String[] sources = new String[n];
        String[] idempotencyKeys = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            NewReading reading = readings.get(i);
            readingIds[i] = reading.readingId();
            encounterIds[i] = reading.encounterId();
            measuredAt[i] = reading.timestamp().toString();
            sources[i] = reading.source();
            idempotencyKeys[i] = reading.idempotencyKey();
            hashes[i] = VitalsDedup.contentHash(reading);
        }
        return new Object[] {readingIds, encounterIds, measuredAt, sources, idempotencyKeys, hashes};
    }
}
