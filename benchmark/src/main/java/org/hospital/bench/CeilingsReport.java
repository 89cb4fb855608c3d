package org.hospital.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ceilings as a printed table and a JSON file; either side may be absent when only the other was measured. */
record CeilingsReport(CeilingsOptions options, Instant startedAt, String loadAtStart, String loadAtEnd,
                      KafkaFigures kafka, PostgresFigures postgres, Map<Long, Double> cpuSeconds) {

    /** Producer runs into fresh topics, with how the record size was chosen. */
    record KafkaFigures(int partitions, int vitalsRecordBytes, int valueSize, String clientDefaultLingerMs,
                        List<KafkaCeiling.Run> runs, List<KafkaCeiling.SerialRun> serialRuns) {
    }

    record PostgresFigures(Map<String, String> settings, List<PostgresCeiling.Result> runs) {
    }

    String table() {
        StringBuilder out = new StringBuilder();
        line(out, "ceilings", "started " + startedAt + ", load average start " + loadAtStart + " | end " + loadAtEnd
                + " (1/5/15 min, " + Runtime.getRuntime().availableProcessors() + " cpus)");
        if (kafka != null) {
            line(out, "kafka", ("%s, %d partitions, values of %d bytes (a VitalsRecorded record with key and headers"
                    + " takes %d bytes in a batch); client default linger.ms %s").formatted(options.kafka(),
                    kafka.partitions(), kafka.valueSize(), kafka.vitalsRecordBytes(), kafka.clientDefaultLingerMs()));
            out.append(String.format("  %-38s %9s %11s %7s %9s %6s %6s %6s %8s%n", "producer", "records", "records/s",
                    "MB/s", "avg ms", "p50", "p95", "p99", "max ms"));
            for (KafkaCeiling.Run run : kafka.runs()) {
                KafkaCeiling.Result r = run.result();
                out.append(String.format("  %-38s %9d %11.1f %7.2f %9.2f %6d %6d %6d %8.1f%n", run.variant().name(),
                        r.records(), r.recordsPerSecond(), r.megabytesPerSecond(), r.avgLatencyMs(), r.p50Ms(),
                        r.p95Ms(), r.p99Ms(), r.maxLatencyMs()));
            }
            for (KafkaCeiling.SerialRun run : kafka.serialRuns()) {
                Percentiles ack = run.ackLatency();
                out.append(String.format("  %-38s %9d %11.1f %7.2f %9s %6.1f %6.1f %6.1f %8.1f%n", run.name(),
                        run.records(), run.recordsPerSecond(),
                        run.recordsPerSecond() * kafka.valueSize() / (1024 * 1024), "-", ack.p50Ms(), ack.p95Ms(),
                        ack.p99Ms(), ack.maxMs()));
            }
        }
        if (postgres != null) {
            line(out, "postgresql", postgres.settings().toString());
            out.append(String.format("  %-26s %9s %6s %11s %8s %10s %7s %11s%n", "insert", "rows", "conns",
                    "rows/commit", "seconds", "rows/s", "MB/s", "commit p50/p99 ms"));
            for (PostgresCeiling.Result r : postgres.runs()) {
                out.append(String.format("  %-26s %9d %6d %11d %8.1f %10.1f %7.2f %11s%n", r.name(), r.rows(),
                        r.connections(), r.rowsPerCommit(), r.seconds(), r.rowsPerSecond(), r.megabytesPerSecond(),
                        r.commitLatency().count() == 0 ? "-" : "%.1f / %.1f".formatted(r.commitLatency().p50Ms(),
                                r.commitLatency().p99Ms())));
            }
        }
        cpuSeconds.forEach((pid, seconds) -> line(out,
                "CPU " + (pid == 0 ? "ceilings tool" : "pid " + pid + "+children"), "%.1f s".formatted(seconds)));
        return out.toString();
    }

    void writeJson(Path path) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started_at", startedAt.toString());
        json.put("machine", SystemStats.machine());
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("start", loadAtStart);
        load.put("end", loadAtEnd);
        json.put("load_average", load);
        if (kafka != null) {
            Map<String, Object> kafkaJson = new LinkedHashMap<>();
            kafkaJson.put("bootstrap_servers", options.kafka());
            kafkaJson.put("tool", "org.apache.kafka.tools.ProducerPerformance");
            kafkaJson.put("partitions", kafka.partitions());
            kafkaJson.put("value_bytes", kafka.valueSize());
            kafkaJson.put("vitals_recorded_record_bytes", kafka.vitalsRecordBytes());
            kafkaJson.put("client_default_linger_ms", kafka.clientDefaultLingerMs());
            List<Map<String, Object>> runs = new ArrayList<>();
            for (KafkaCeiling.Run run : kafka.runs()) {
                KafkaCeiling.Result r = run.result();
                Map<String, Object> runJson = new LinkedHashMap<>();
                runJson.put("name", run.variant().name());
                runJson.put("producer_properties", run.variant().producerProperties());
                runJson.put("throughput_limit", run.variant().throughput() < 0 ? null : run.variant().throughput());
                runJson.put("records", r.records());
                runJson.put("records_per_s", r.recordsPerSecond());
                runJson.put("mb_per_s", r.megabytesPerSecond());
                runJson.put("latency_ms", latency(r));
                runJson.put("arguments", run.arguments());
                runs.add(runJson);
            }
            kafkaJson.put("runs", runs);
            List<Map<String, Object>> serialRuns = new ArrayList<>();
            for (KafkaCeiling.SerialRun run : kafka.serialRuns()) {
                Map<String, Object> runJson = new LinkedHashMap<>();
                runJson.put("name", run.name());
                runJson.put("producer_properties", run.producerProperties());
                runJson.put("records", run.records());
                runJson.put("records_per_s", round(run.recordsPerSecond()));
                runJson.put("ack_latency_ms", Map.of("p50", run.ackLatency().p50Ms(), "p95", run.ackLatency().p95Ms(),
                        "p99", run.ackLatency().p99Ms(), "max", run.ackLatency().maxMs()));
                serialRuns.add(runJson);
            }
            kafkaJson.put("one_record_at_a_time", serialRuns);
            json.put("kafka", kafkaJson);
        }
        if (postgres != null) {
            Map<String, Object> postgresJson = new LinkedHashMap<>();
            postgresJson.put("jdbc_url", PostgresCeiling.withBatchRewrite(options.jdbcUrl()));
            postgresJson.put("table", PostgresCeiling.TABLE + " (columns and constraints of domain_event_entry)");
            postgresJson.put("settings", postgres.settings());
            List<Map<String, Object>> runs = new ArrayList<>();
            for (PostgresCeiling.Result r : postgres.runs()) {
                Map<String, Object> runJson = new LinkedHashMap<>();
                runJson.put("name", r.name());
                runJson.put("rows", r.rows());
                runJson.put("connections", r.connections());
                runJson.put("rows_per_commit", r.rowsPerCommit());
                runJson.put("seconds", round(r.seconds()));
                runJson.put("rows_per_s", round(r.rowsPerSecond()));
                runJson.put("mb_per_s", Math.round(r.megabytesPerSecond() * 100) / 100.0);
                runJson.put("payload_and_metadata_bytes", r.bytes());
                runJson.put("rows_in_table_after", r.rowsInTable());
                if (r.commitLatency().count() > 0) {
                    runJson.put("commit_latency_ms", Map.of("p50", r.commitLatency().p50Ms(),
                            "p95", r.commitLatency().p95Ms(), "p99", r.commitLatency().p99Ms(),
                            "max", r.commitLatency().maxMs()));
                }
                runs.add(runJson);
            }
            postgresJson.put("runs", runs);
            json.put("postgresql", postgresJson);
        }
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpuSeconds.forEach((pid, seconds) -> cpu.put(pid == 0 ? "ceilings_tool" : String.valueOf(pid), seconds));
        json.put("cpu_seconds", cpu);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, HttpApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    private static Map<String, Object> latency(KafkaCeiling.Result r) {
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("avg", r.avgLatencyMs());
        latency.put("p50", r.p50Ms());
        latency.put("p95", r.p95Ms());
        latency.put("p99", r.p99Ms());
        latency.put("p99_9", r.p999Ms());
        latency.put("max", r.maxLatencyMs());
        return latency;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-24s %s%n", label, value));
    }
}
