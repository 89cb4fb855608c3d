package org.hospital.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FHIR's date search prefixes on a day (UTC) and on an instant. */
class DateRangeTest {

    @Test
    void takesADayWithoutPrefixAsTheWholeDay() {
        DateRange day = DateRange.of(List.of("2023-10-27"));
        assertThat(day.from()).isEqualTo(Instant.parse("2023-10-27T00:00:00Z"));
        assertThat(day.before()).isEqualTo(Instant.parse("2023-10-28T00:00:00Z"));
    }

    @Test
    void startsAfterTheDayForGreaterThanAndAtItForGreaterOrEqual() {
        assertThat(DateRange.of(List.of("gt2023-10-27")).from()).isEqualTo(Instant.parse("2023-10-28T00:00:00Z"));
        assertThat(DateRange.of(List.of("ge2023-10-27")).from()).isEqualTo(Instant.parse("2023-10-27T00:00:00Z"));
    }

    @Test
    void combinesRepeatedParametersIntoOneRange() {
        DateRange range = DateRange.of(List.of("ge2023-10-27T10:00:00Z", "lt2023-10-27T11:00:00+01:00"));
        assertThat(range.from()).isEqualTo(Instant.parse("2023-10-27T10:00:00Z"));
        assertThat(range.before()).isEqualTo(Instant.parse("2023-10-27T10:00:00Z"));
    }

    @Test
    void includesTheInstantItselfForLessOrEqual() {
        DateRange range = DateRange.of(List.of("le2023-10-27T10:00:00Z"));
        // The stored instants have microseconds: "le" ends one microsecond after the instant named.
        assertThat(range.from()).isNull();
        assertThat(range.before()).isEqualTo(Instant.parse("2023-10-27T10:00:00.000001Z"));
    }

    @Test
    void refusesUnknownPrefixesAndTimesWithoutZone() {
        assertThatThrownBy(() -> DateRange.of(List.of("sa2023-10-27"))).isInstanceOf(InvalidSearch.class);
        assertThatThrownBy(() -> DateRange.of(List.of("2023-10-27T10:00:00"))).isInstanceOf(InvalidSearch.class);
        assertThatThrownBy(() -> DateRange.of(List.of("yesterday"))).isInstanceOf(InvalidSearch.class);
    }
}
