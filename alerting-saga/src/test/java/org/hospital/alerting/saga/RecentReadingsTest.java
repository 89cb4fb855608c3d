package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.hospital.platform.messaging.MessagingConfiguration;
import org.junit.jupiter.api.Test;

class RecentReadingsTest {

    @Test
    void remembersTheNewestSixtyFourReadingsAndForgetsTheOldest() {
        RecentReadings readings = RecentReadings.none();
        for (long id = 1; id <= 70; id++) {
            readings = readings.with(id);
        }

        assertThat(readings.contains(6)).isFalse();
        assertThat(readings.contains(7)).isTrue();
        assertThat(readings.contains(70)).isTrue();
        assertThat(readings.contains(71)).isFalse();
        assertThat(readings).isEqualTo(RecentReadings.of(LongStream.rangeClosed(7, 70).toArray()));
    }

    @Test
    void addingLeavesTheOriginalUnchanged() {
        RecentReadings before = RecentReadings.of(1, 2);

        RecentReadings after = before.with(3);

        assertThat(before.contains(3)).isFalse();
        assertThat(after).isEqualTo(RecentReadings.of(1, 2, 3));
    }

    @Test
    void isStoredAsAPlainArrayOfIdsAndReadBack() throws Exception {
        var mapper = MessagingConfiguration.axonObjectMapper();

        String json = mapper.writeValueAsString(RecentReadings.of(5001, 5002));

        assertThat(json).isEqualTo("[5001,5002]");
        assertThat(mapper.readValue(json, RecentReadings.class)).isEqualTo(RecentReadings.of(5001, 5002));
        assertThat(mapper.readValue("[]", RecentReadings.class)).isEqualTo(RecentReadings.none());
    }

    @Test
    void keepsOnlyTheNewestWhenMoreWereStored() {
        RecentReadings stored = RecentReadings.of(LongStream.rangeClosed(1, 100).toArray());

        assertThat(stored.contains(36)).isFalse();
        assertThat(stored.contains(37)).isTrue();
        assertThat(stored.with(101).contains(37)).isFalse();
    }
}
