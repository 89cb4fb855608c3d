package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.hospital.infra.TestInfrastructure;

/**
 * What the command side has stored: row count and a digest of every row, per command-side table and for the event
 * store. Equal before and after a request means the request changed nothing there.
 */
final class CommandSideState {

    static final List<String> TABLES = List.of("domain_event_entry", "snapshot_event_entry", "app_user",
            "refresh_token", "device", "identity_audit", "patient", "doctor", "nurse", "room", "active_encounter",
            "encounter_access", "alert_summary", "alert_keys", "vitals_dedup");

    private CommandSideState() {
    }

    static Map<String, String> of(String databaseUrl) {
        var postgres = TestInfrastructure.shared().postgres();
        Map<String, String> digest = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl, postgres.username(), postgres.password());
             Statement statement = connection.createStatement()) {
            Set<String> existing = new HashSet<>();
            try (ResultSet tables = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")) {
                while (tables.next()) {
                    existing.add(tables.getString(1));
                }
            }
            assertThat(existing).contains("domain_event_entry", "app_user", "patient", "encounter_access");
            for (String table : TABLES) {
                if (existing.contains(table)) {
                    try (ResultSet rows = statement.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text,"
                            + " '|' ORDER BY t::text), '')) FROM " + table + " t")) {
                        rows.next();
                        digest.put(table, rows.getLong(1) + " rows, " + rows.getString(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return digest;
    }

    /** Waits until two looks a second apart agree (follow-up work of earlier requests is done), and returns it. */
    static Map<String, String> awaitQuiet(String databaseUrl) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(of(databaseUrl));
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = of(databaseUrl);
            return now.equals(last.getAndSet(now)) ? now : null;
        }, Objects::nonNull);
    }
}
