package org.hospital.query.audit.rebuild;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Empties the views before the projections replay the topic, in the transaction that resets the processor's
 * token (a failed reset leaves the views as they were). Every {@code view_} table is emptied except the change log
 * of live alert delivery ({@link #KEPT}): its rows were sent to clients and must neither be lost nor re-sent. The
 * audit tables are not views: {@code audit_event} is idempotent and {@code access_log} cannot be replayed.
 */
@Component
class ProjectionReset {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReset.class);

    static final Set<String> KEPT = Set.of("view_alert_changes");

    private final JdbcClient jdbc;

    ProjectionReset(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void emptyViews() {
        List<String> views = rebuiltViews();
        if (views.isEmpty()) {
            return;
        }
        jdbc.sql("TRUNCATE TABLE " + String.join(", ", views.stream().map(v -> '"' + v + '"').toList())).update();
        log.info("Projection reset: emptied {}", views);
    }

    /** The views a rebuild replaces, found in the catalogue so that views added later are included. */
    List<String> rebuiltViews() {
        return jdbc.sql("""
                        SELECT tablename FROM pg_tables
                        WHERE schemaname = current_schema() AND tablename LIKE 'view\\_%' ORDER BY tablename""")
                .query(String.class).list().stream()
                .filter(table -> !KEPT.contains(table))
                .toList();
    }
}
