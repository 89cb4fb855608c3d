package org.hospital.bench.chaos;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hospital.bench.ReadConnection;

/**
 * The system's tables as the chaos checks read them: the event store's readings and alerts with their order, the
 * query side's views of the same, the admissions guard, and the tracking processors' token owners. Internals, read
 * only to judge the run.
 */
final class ChaosDatabase implements AutoCloseable {

    private static final String VITALS_RECORDED = "org.hospital.events.VitalsRecorded";
    private static final String ALERT_RAISED = "org.hospital.events.AlertRaised";

    private final ReadConnection database;

    ChaosDatabase(String jdbcUrl, String user, String password) {
        database = new ReadConnection(jdbcUrl, user, password);
    }

    /** A stored reading: its id and time of measurement. */
    record StoredReading(long readingId, Instant timestamp) {
    }

    /** Each encounter's readings in event-store order (by aggregate sequence number), repeats included. */
    Map<Long, List<StoredReading>> storedReadings(Collection<Long> encounterIds) {
        Map<Long, List<StoredReading>> order = new HashMap<>();
        query("SELECT substring(aggregate_identifier FROM 11)::bigint, (p ->> 'reading_id')::bigint,"
                        + " p ->> 'timestamp' FROM (SELECT aggregate_identifier, sequence_number,"
                        + " convert_from(payload, 'UTF8')::jsonb AS p FROM domain_event_entry"
                        + " WHERE payload_type = '" + VITALS_RECORDED + "' AND aggregate_identifier = ANY(?)) r"
                        + " ORDER BY aggregate_identifier, sequence_number",
                "varchar", encounterIds.stream().map(id -> "encounter-" + id).toList(),
                rows -> order.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
                        .add(new StoredReading(rows.getLong(2), Instant.parse(rows.getString(3)))));
        return order;
    }

    /** The reading {@code view_latest_vitals} shows per encounter. */
    Map<Long, Long> latestProjectedReading(Collection<Long> encounterIds) {
        Map<Long, Long> latest = new HashMap<>();
        query("SELECT encounter_id, reading_id FROM view_latest_vitals WHERE encounter_id = ANY(?)",
                "bigint", encounterIds, rows -> latest.put(rows.getLong(1), rows.getLong(2)));
        return latest;
    }

    /** A raised alert in the event store: its id and what raised it. */
    record StoredAlert(long alertId, long encounterId, String type, long readingId) {
    }

    List<StoredAlert> storedAlerts(Collection<Long> encounterIds) {
        List<StoredAlert> alerts = new ArrayList<>();
        query("SELECT (p ->> 'alert_id')::bigint, (p ->> 'encounter_id')::bigint, p ->> 'type',"
                        + " (p ->> 'reading_id')::bigint FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p"
                        + " FROM domain_event_entry WHERE payload_type = '" + ALERT_RAISED + "') raised"
                        + " WHERE (p ->> 'encounter_id')::bigint = ANY(?)",
                "bigint", encounterIds, rows -> alerts.add(new StoredAlert(rows.getLong(1), rows.getLong(2),
                        rows.getString(3), rows.getLong(4))));
        return alerts;
    }

    List<Long> projectedAlertIds(Collection<Long> encounterIds) {
        List<Long> ids = new ArrayList<>();
        query("SELECT alert_id FROM view_alerts WHERE encounter_id = ANY(?)", "bigint", encounterIds,
                rows -> ids.add(rows.getLong(1)));
        return ids;
    }

    /** Rooms (of the given ones) that the admissions guard or the query side shows with more than one encounter. */
    record Bookings(int guardRows, int guardDoubleRooms, int guardDoublePatients, int viewActive,
                    int viewDoubleRooms, int viewDoublePatients) {
    }

    Bookings bookings(Collection<Long> roomIds) {
        return new Bookings(
                count("SELECT count(*) FROM active_encounter WHERE room_id = ANY(?)", roomIds),
                count("SELECT count(*) FROM (SELECT room_id FROM active_encounter WHERE room_id = ANY(?)"
                        + " GROUP BY room_id HAVING count(*) > 1) d", roomIds),
                count("SELECT count(*) FROM (SELECT patient_id FROM active_encounter WHERE room_id = ANY(?)"
                        + " GROUP BY patient_id HAVING count(*) > 1) d", roomIds),
                count("SELECT count(*) FROM view_encounters WHERE status = 'active' AND room_id = ANY(?)", roomIds),
                count("SELECT count(*) FROM (SELECT room_id FROM view_encounters WHERE status = 'active'"
                        + " AND room_id = ANY(?) GROUP BY room_id HAVING count(*) > 1) d", roomIds),
                count("SELECT count(*) FROM (SELECT patient_id FROM view_encounters WHERE status = 'active'"
                        + " AND room_id = ANY(?) GROUP BY patient_id HAVING count(*) > 1) d", roomIds));
    }

    /** Owner of each tracking processor's segment, "processor/segment" to owner (null while unclaimed). */
    Map<String, String> tokenOwners() {
        Map<String, String> owners = new LinkedHashMap<>();
        query("SELECT processor_name, segment, owner FROM token_entry ORDER BY 1, 2", null, List.of(),
                rows -> owners.put(rows.getString(1) + "/" + rows.getInt(2), rows.getString(3)));
        return owners;
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, String type, Collection<?> values, RowReader reader) {
        database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (type != null) {
                    statement.setArray(1, ReadConnection.array(connection, type, values));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
            return null;
        });
    }

    private int count(String sql, Collection<Long> roomIds) {
        int[] count = new int[1];
        query(sql, "bigint", roomIds, rows -> count[0] = rows.getInt(1));
        return count[0];
    }

    @Override
    public void close() {
        database.close();
    }
}
