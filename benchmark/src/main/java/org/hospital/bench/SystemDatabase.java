package org.hospital.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Direct reads of the system's PostgreSQL tables: the event store ({@code domain_event_entry}), the query side's
 * {@code view_vitals} and {@code view_encounters}, and the alerting saga's associations. These are the system's
 * internals, read here only to measure it; one connection per caller thread, opened again after a restart of
 * PostgreSQL.
 */
public final class SystemDatabase implements AutoCloseable {

    static final String VITALS_RECORDED = "org.hospital.events.VitalsRecorded";

    private final ReadConnection database;

    public SystemDatabase(String jdbcUrl, String user, String password) {
        this.database = new ReadConnection(jdbcUrl, user, password);
    }

    /** Encounters of the run that the query side has projected. */
    public int projectedEncounters(Collection<Long> encounterIds) {
        return count("SELECT count(*) FROM view_encounters WHERE id = ANY(?)", "bigint", encounterIds);
    }

    /** Encounters of the run for which the alerting saga has started (it is associated by encounter id). */
    public int startedSagas(Collection<Long> encounterIds) {
        return count("SELECT count(DISTINCT encounter_id) FROM alerting_saga WHERE encounter_id = ANY(?)", "bigint",
                encounterIds);
    }

    /** The subset of the given reading ids that {@code view_vitals} holds. */
    Set<Long> projectedReadings(Collection<Long> readingIds) {
        return ids("SELECT reading_id FROM view_vitals WHERE reading_id = ANY(?)", "bigint", readingIds);
    }

    /** Reading ids of every {@code VitalsRecorded} event of the given encounters in the event store. */
    Set<Long> storedReadings(Collection<Long> encounterIds) {
        return ids("SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'reading_id')::bigint FROM domain_event_entry"
                + " WHERE payload_type = '" + VITALS_RECORDED + "' AND aggregate_identifier = ANY(?)",
                "varchar", encounterIds.stream().map(id -> "encounter-" + id).toList());
    }

    /** Reading ids of the given encounters in {@code view_vitals}. */
    Set<Long> projectedReadingsOf(Collection<Long> encounterIds) {
        return ids("SELECT reading_id FROM view_vitals WHERE encounter_id = ANY(?)", "bigint", encounterIds);
    }

    private int count(String sql, String type, Collection<?> values) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, ReadConnection.array(connection, type, values));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    private Set<Long> ids(String sql, String type, Collection<?> values) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, ReadConnection.array(connection, type, values));
                Set<Long> ids = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Any read of the system's database (for PostgreSQL's own statistics). */
    <T> T read(ReadConnection.Read<T> read) {
        return database.read(read);
    }

    @Override
    public void close() {
        database.close();
    }
}
