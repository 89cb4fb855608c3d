package org.hospital.query.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class News2BandTest {

    @Test
    void namesTheFiveRcpBandsFromTheScoreAndTheRedScoreRisk() {
        assertThat(News2Band.of(null, null)).isEqualTo(News2Band.NONE);
        assertThat(News2Band.of(0, "low")).isEqualTo(News2Band.ZERO);
        assertThat(News2Band.of(4, "low")).isEqualTo(News2Band.LOW);
        assertThat(News2Band.of(3, "low-medium")).isEqualTo(News2Band.RED);
        assertThat(News2Band.of(5, "medium")).isEqualTo(News2Band.MEDIUM);
        assertThat(News2Band.of(6, "medium")).isEqualTo(News2Band.MEDIUM);
        assertThat(News2Band.of(7, "high")).isEqualTo(News2Band.HIGH);
    }

    @Test
    void aRedScoreInsideAMediumOrHighAggregateIsTheAggregatesBand() {
        assertThat(News2Band.of(6, "low-medium")).isEqualTo(News2Band.MEDIUM);
        assertThat(News2Band.of(9, "low-medium")).isEqualTo(News2Band.HIGH);
    }

    @Test
    void monitorsAsOftenAsRcpChartFourSays() {
        assertThat(News2Band.ZERO.monitoringInterval()).isEqualTo(Duration.ofHours(12));
        assertThat(News2Band.LOW.monitoringInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(News2Band.RED.monitoringInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(News2Band.MEDIUM.monitoringInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(News2Band.HIGH.monitoringInterval()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void writesEveryBandInWordsBesidesItsColour() {
        // Without colour the words alone must tell every band apart.
        assertThat(Arrays.stream(News2Band.values()).map(News2Band::label)).doesNotHaveDuplicates()
                .allSatisfy(label -> assertThat(label).isNotBlank());
        assertThat(News2Band.RED.label()).contains("3 in one parameter");
    }
}
