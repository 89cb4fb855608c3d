package org.hospital.command.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountedReadingsTest {

    @Test
    void remembersEveryReadingWithinTheWindowInAnyOrder() {
        CountedReadings counted = new CountedReadings();
        counted.add(50);
        counted.add(10);
        assertThat(counted.contains(50)).isTrue();
        assertThat(counted.contains(10)).isTrue();
        assertThat(counted.contains(30)).as("never counted, below a counted id").isFalse();
    }

    @Test
    void treatsReadingsThatLeftTheWindowAsCounted() {
        CountedReadings counted = new CountedReadings();
        for (long id = 1; id <= CountedReadings.WINDOW + 5; id++) {
            counted.add(id);
        }
        for (long id = 1; id <= CountedReadings.WINDOW + 5; id++) {
            assertThat(counted.contains(id)).as("reading %d", id).isTrue();
        }
        assertThat(counted.contains(CountedReadings.WINDOW + 6)).isFalse();
    }

    @Test
    void neverForgetsAReadingWhoseIdIsBelowTheForgottenOnes() {
        CountedReadings counted = new CountedReadings();
        counted.add(5_000);
        counted.add(3);
        for (long id = 10_000; id < 10_000 + CountedReadings.WINDOW; id++) {
            counted.add(id);
        }
        assertThat(counted.contains(3)).isTrue();
        assertThat(counted.contains(5_000)).isTrue();
    }
}
