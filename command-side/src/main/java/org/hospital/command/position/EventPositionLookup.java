package org.hospital.command.position;

import java.util.Optional;
import org.hospital.command.position.EventPositions.Collected;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The event-store position of what was collected: the highest {@code global_index} among the appended events (by
 * their unique identifiers) and the latest events of the aggregates answered from, or the position already known.
 * Called after the appending transaction committed, so the rows are there to look up.
 */
@Component
public class EventPositionLookup {

    private final JdbcTemplate jdbc;

    EventPositionLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Long> position(Collected collected) {
        Long highest = collected.known().orElse(null);
        if (!collected.eventIdentifiers().isEmpty()) {
            highest = max(highest, jdbc.queryForObject(
                    "SELECT max(global_index) FROM domain_event_entry WHERE event_identifier = ANY (?)", Long.class,
                    (Object) collected.eventIdentifiers().toArray(String[]::new)));
        }
        for (String aggregate : collected.latestOfAggregates()) {
            highest = max(highest, jdbc.queryForList("""
                    SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?
                    ORDER BY sequence_number DESC LIMIT 1""", Long.class, aggregate).stream().findFirst()
                    .orElse(null));
        }
        return Optional.ofNullable(highest);
    }

    /** Either may be null (nothing found); written out because a conditional mixing Long and long unboxes both. */
    private static Long max(Long a, Long b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Math.max(a, b);
    }
}
