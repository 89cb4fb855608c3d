package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineRetryTest {

    private final DeadlineConfiguration.RetrySoon<Object> retry =
            new DeadlineConfiguration.RetrySoon<>(Duration.ofSeconds(5), Duration.ofMinutes(1));

    @Test
    void retriesAFailedDeadlineSoonThenBacksOffUpToTheMaximum() {
        assertThat(retry.delay(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retry.delay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delay(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(retry.delay(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.delay(1_000)).isEqualTo(Duration.ofMinutes(1));
    }
}
