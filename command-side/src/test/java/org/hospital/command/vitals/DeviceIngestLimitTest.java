package org.hospital.command.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hospital.platform.error.DomainException;
import org.hospital.testing.MovableClock;
import org.junit.jupiter.api.Test;

class DeviceIngestLimitTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final DeviceIngestLimit limit = new DeviceIngestLimit(20, 1000, clock);

    @Test
    void letsADeviceSendAFullBurstAndThenItsRate() {
        assertThat(limit.take(7, 1000)).isEmpty();
        assertThat(limit.take(7, 1)).contains(Duration.ofMillis(50));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limit.take(7, 20)).isEmpty();
        assertThat(limit.take(7, 1)).isPresent();
    }

    @Test
    void refusesARequestWholeAndSaysWhenItWouldFit() {
        assertThat(limit.take(7, 990)).isEmpty();
        assertThat(limit.take(7, 500)).contains(Duration.ofMillis(24_500));
        assertThat(limit.take(7, 10)).as("the refused request took nothing").isEmpty();
    }

    @Test
    void keepsEachDevicesBucketApart() {
        assertThat(limit.take(7, 1000)).isEmpty();
        assertThat(limit.take(8, 1000)).isEmpty();
        assertThat(limit.take(7, 1)).isPresent();
    }

    @Test
    void neverFillsABucketBeyondItsBurst() {
        clock.advance(Duration.ofHours(2));
        assertThat(limit.take(7, 1000)).isEmpty();
        assertThat(limit.take(7, 1)).isPresent();
    }

    @Test
    void answersRetryAfterInWholeSecondsRoundedUp() {
        assertThat(DomainException.retryAfterSeconds(Duration.ofMillis(50))).isEqualTo(1);
        assertThat(DomainException.retryAfterSeconds(Duration.ofMillis(24_500))).isEqualTo(25);
        assertThat(new DeviceIngestLimit.TooManyReadings(Duration.ofMillis(24_500)).retryAfter())
                .contains(Duration.ofMillis(24_500));
    }
}
