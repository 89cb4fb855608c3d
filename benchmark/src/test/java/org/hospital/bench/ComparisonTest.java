package org.hospital.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ComparisonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode result(double rate, double p99, double systemCpu, int acknowledged) {
        return JSON.readTree("""
                {"load": {"acknowledged_rate_per_s": %s, "errors": 0, "readings_acknowledged": %d},
                 "response_latency_ms": {"p50": 10, "p99": %s},
                 "reading_to_alert_ms": {"from_intended_send": {"p50": 100, "p99": 200}},
                 "cpu_seconds_during_load": {"benchmark": 99.0, "123": %s, "456": 1.0}}"""
                .formatted(rate, acknowledged, p99, systemCpu));
    }

    @Test
    void putsEachFigureOfBothRunsSideBySideWithTheirRatio() {
        String table = Comparison.table(result(100, 400, 9, 1000), result(400, 100, 9, 4000));
        assertThat(table).containsPattern("acknowledged readings/s\\s+100\\.0\\s+400\\.0\\s+4\\.00")
                .containsPattern("response p99 ms\\s+400\\.0\\s+100\\.0\\s+0\\.25")
                .containsPattern("reading->projection p50 ms\\s+-\\s+-\\s+-");
    }

    @Test
    void countsTheSystemsCpuButNotTheBenchmarksPerAcknowledgedReading() {
        assertThat(Comparison.cpuPerReading(result(1, 1, 9, 1000))).isEqualTo(10.0);
    }
}
