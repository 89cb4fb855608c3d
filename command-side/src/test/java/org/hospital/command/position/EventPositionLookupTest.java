package org.hospital.command.position;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.schema.SchemaMigration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lookup's SQL against the real event-store table (Axon's schema as migrated in production), in a database of
 * its own: the positions are the {@code global_index} values PostgreSQL gave the rows, not values a stub returns.
 */
@Tag("integration")
class EventPositionLookupTest {

    private static JdbcTemplate jdbc;
    private static EventPositionLookup lookup;

    @BeforeAll
    static void eventStore() {
        DataSource database = TestInfrastructure.shared().newDataSource("event_position_lookup");
        SchemaMigration.apply(database, "axon");
        jdbc = new JdbcTemplate(database);
        lookup = new EventPositionLookup(jdbc);
    }

    @Test
    void appendedEventsThatCannotBeFoundGiveNoPositionInsteadOfFailing() {
        store("encounter-1", 0, "event-stored-elsewhere");

        EventPositions.Collecting<String> collecting = EventPositions.collect(() -> {
            EventPositions.appended("event-that-is-not-there");
            return "stored";
        });

        assertThat(lookup.position(collecting.collected())).isEmpty();
    }

    @Test
    void theHighestOfAppendedEventsIsThePosition() {
        long first = store("encounter-2", 0, "event-2a");
        long second = store("encounter-2", 1, "event-2b");
        store("encounter-2", 2, "event-2c-not-appended-here");

        EventPositions.Collecting<String> collecting = EventPositions.collect(() -> {
            EventPositions.appended("event-2b");
            EventPositions.appended("event-2a");
            return "stored";
        });

        assertThat(second).isGreaterThan(first);
        assertThat(lookup.position(collecting.collected())).contains(second);
    }

    @Test
    void anAnsweredAggregateCountsWithItsLatestEventByItsOwnSequence() {
        long appended = store("encounter-3", 0, "event-3a");
        // Written out of global order: the aggregate's latest event is the highest sequence number.
        long latestOfOther = store("encounter-4", 1, "event-4b");
        store("encounter-4", 0, "event-4a");

        EventPositions.Collecting<String> collecting = EventPositions.collect(() -> {
            EventPositions.appended("event-3a");
            EventPositions.includeLatestOf("encounter-4");
            return "stored";
        });

        assertThat(latestOfOther).isGreaterThan(appended);
        assertThat(lookup.position(collecting.collected())).contains(latestOfOther);
    }

    @Test
    void anAggregateWithNoEventsAddsNothing() {
        long appended = store("encounter-5", 0, "event-5a");

        EventPositions.Collecting<String> collecting = EventPositions.collect(() -> {
            EventPositions.appended("event-5a");
            EventPositions.includeLatestOf("encounter-never-stored");
            return "stored";
        });

        assertThat(lookup.position(collecting.collected())).contains(appended);
    }

    /** Stores one event row as Axon's JDBC store does and returns the position PostgreSQL gave it. */
    private static long store(String aggregate, long sequence, String eventIdentifier) {
        return jdbc.queryForObject("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                payload, payload_type, time_stamp)
                VALUES (?, ?, 'Encounter', ?, '\\x7b7d'::bytea, 'org.hospital.events.Test', '2026-01-01T00:00:00Z')
                RETURNING global_index""", Long.class, aggregate, sequence, eventIdentifier);
    }
}
