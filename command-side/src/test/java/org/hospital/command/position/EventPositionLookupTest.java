package org.hospital.command.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class EventPositionLookupTest {

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final EventPositionLookup lookup = new EventPositionLookup(jdbc);

    @Test
    void appendedEventsThatCannotBeFoundGiveNoPositionInsteadOfFailing() {
        when(jdbc.queryForObject(anyString(), eq(Long.class), any(Object[].class))).thenReturn(null);

        EventPositions.Collecting<String> collecting = EventPositions.collect(() -> {
            EventPositions.appended("event-that-is-not-there");
            return "stored";
        });

        assertThat(lookup.position(collecting.collected())).isEmpty();
    }

    @Test
    void theHighestOfAppendedEventsAndAnsweredAggregatesIsThePosition() {
        when(jdbc.queryForObject(anyString(), eq(Long.class), any(Object[].class))).thenReturn(40L);
        when(jdbc.queryForList(anyString(), eq(Long.class), eq("encounter-7"))).thenReturn(List.of(42L));

        EventPositions.Collecting<String> collecting = EventPositions.collect(() -> {
            EventPositions.appended("event-1");
            EventPositions.includeLatestOf("encounter-7");
            return "stored";
        });

        assertThat(lookup.position(collecting.collected())).contains(42L);
    }
}
