package org.hospital.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CeilingsReportTest {

    private static final KafkaCeiling.Variant UNLIMITED = new KafkaCeiling.Variant("acks=all, linger.ms=5",
            Map.of("acks", "all", "linger.ms", "5"), 500_000, -1);
    private static final KafkaCeiling.Result PRODUCED = new KafkaCeiling.Result(500_000, 21734.3, 15.9, 1290.02,
            2104.0, 1274, 1851, 2011, 2090);
    private static final PostgresCeiling.Result BATCHED = new PostgresCeiling.Result("batched insert", 200_000, 1,
            500, 20.0, 82_600_000, Percentiles.EMPTY, 200_000);
    private static final PostgresCeiling.Result SINGLE = new PostgresCeiling.Result("row per transaction", 20_000,
            16, 1, 25.0, 8_260_000, Percentiles.ofNanos(new long[] {2_000_000, 4_000_000}), 20_000);

    @TempDir
    Path directory;

    @Test
    void printsEachProducerRunAndEachInsertWithItsRate() {
        String table = report(true).table();

        assertThat(table).contains("6 partitions, values of 767 bytes")
                .contains("takes 776 bytes in a batch")
                .containsPattern("acks=all, linger.ms=5 +500000 +21734.3 +15.90 +1290.02 +1274 +1851 +2011 +2104.0")
                .containsPattern("batched insert +200000 +1 +500 +20.0 +10000.0 .* -")
                .containsPattern("row per transaction +20000 +16 +1 +25.0 +800.0 .* 2.0 / 4.0")
                .containsPattern("one at a time, acks=all, linger.ms=5 +2000 +160.0 .* 6.0 +7.0 +7.0 +7.0")
                .contains("fsync=on");
    }

    @Test
    void writesTheFiguresAsJson() throws Exception {
        Path path = directory.resolve("nested/ceilings.json");

        report(true).writeJson(path);

        JsonNode json = HttpApi.JSON.readTree(Files.readString(path));
        assertThat(json.path("kafka").path("partitions").asInt()).isEqualTo(6);
        assertThat(json.path("kafka").path("runs").get(0).path("records_per_s").asDouble()).isEqualTo(21734.3);
        assertThat(json.path("kafka").path("runs").get(0).path("latency_ms").path("p99").asInt()).isEqualTo(2011);
        assertThat(json.path("kafka").path("runs").get(0).path("throughput_limit").isNull()).isTrue();
        assertThat(json.path("kafka").path("one_record_at_a_time").get(0).path("records_per_s").asDouble())
                .isEqualTo(160.0);
        assertThat(json.path("postgresql").path("runs").get(0).path("rows_per_s").asDouble()).isEqualTo(10000.0);
        assertThat(json.path("postgresql").path("runs").get(1).path("commit_latency_ms").path("p99").asDouble())
                .isEqualTo(4.0);
        assertThat(json.path("postgresql").path("runs").get(1).path("rows_in_table_after").asLong())
                .isEqualTo(20_000);
        assertThat(json.path("load_average").path("start").asString()).isEqualTo("1.00 0.50 0.25");
        assertThat(json.path("cpu_seconds").path("4242").asDouble()).isEqualTo(3.5);
    }

    @Test
    void leavesOutTheSideThatWasNotMeasured() throws Exception {
        Path path = directory.resolve("kafka-only.json");
        CeilingsReport report = report(false);

        report.writeJson(path);

        assertThat(report.table()).doesNotContain("postgresql").contains("kafka");
        assertThat(HttpApi.JSON.readTree(Files.readString(path)).has("postgresql")).isFalse();
    }

    private static CeilingsReport report(boolean withPostgres) {
        CeilingsOptions options = CeilingsOptions.parse(new String[] {"--kafka=broker:9092"});
        CeilingsReport.KafkaFigures kafka = new CeilingsReport.KafkaFigures(6, 776, 767, "5",
                List.of(new KafkaCeiling.Run(UNLIMITED, "ceiling-x", 6, 767, PRODUCED, List.of("--topic", "x"))),
                List.of(new KafkaCeiling.SerialRun("one at a time, acks=all, linger.ms=5", Map.of("linger.ms", "5"),
                        2_000, 12.5, Percentiles.ofNanos(new long[] {6_000_000, 7_000_000}))));
        CeilingsReport.PostgresFigures postgres = withPostgres
                ? new CeilingsReport.PostgresFigures(Map.of("fsync", "on"), List.of(BATCHED, SINGLE)) : null;
        return new CeilingsReport(options, Instant.parse("2026-11-27T16:00:00Z"), "1.00 0.50 0.25",
                "2.00 1.00 0.50", kafka, postgres, Map.of(0L, 12.5, 4242L, 3.5));
    }
}
