package org.hospital.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void takesTheNearestRankOfOneHundredSamples() {
        long[] millis = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000).toArray();

        Percentiles percentiles = Percentiles.ofNanos(millis);

        assertThat(percentiles.count()).isEqualTo(100);
        assertThat(percentiles.p50Ms()).isEqualTo(50.0);
        assertThat(percentiles.p95Ms()).isEqualTo(95.0);
        assertThat(percentiles.p99Ms()).isEqualTo(99.0);
        assertThat(percentiles.maxMs()).isEqualTo(100.0);
    }

    @Test
    void reportsTheOnlySampleForEveryPercentile() {
        Percentiles percentiles = Percentiles.ofNanos(new long[] {7_500_000});

        assertThat(percentiles.p50Ms()).isEqualTo(7.5);
        assertThat(percentiles.p99Ms()).isEqualTo(7.5);
        assertThat(percentiles.maxMs()).isEqualTo(7.5);
    }

    @Test
    void letsTheSlowestOfAThousandSamplesSetOnlyTheMaximum() {
        long[] nanos = new long[1000];
        Arrays.fill(nanos, 1_000_000);
        nanos[0] = 5_000_000_000L;

        Percentiles percentiles = Percentiles.ofNanos(nanos);

        assertThat(percentiles.p99Ms()).isEqualTo(1.0);
        assertThat(percentiles.maxMs()).isEqualTo(5000.0);
    }

    @Test
    void isEmptyWithoutSamples() {
        assertThat(Percentiles.ofNanos(new long[0]).count()).isZero();
    }
}
