package org.hospital.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's figures as a printed table and a JSON file, with the targets checked against them. */
record Report(Options options, Instant startedAt, String loadAtStart, String loadAtEnd, double setupSeconds,
              LoadGenerator.Result load, KafkaObserver.AlertFigures alerts, Percentiles projection,
              int projectionTracked, int projectionOutstanding, long breachesSkipped, LossChecker.Verdict loss,
              Map<Long, Double> peakRssMiB, Map<Long, Double> cpuSecondsDuringLoad,
              Map<Long, Map<String, Double>> threadCpuMillisDuringLoad, DatabaseActivity database) {

    /** Statements printed; the JSON report has them all. */
    private static final int STATEMENTS_SHOWN = 20;

    /** Thread groups printed per JVM; the JSON report has them all. */
    private static final int THREAD_GROUPS_SHOWN = 14;

    /** Issue 6 targets: p99 response under 100 ms, p99 reading-to-projection and reading-to-alert under 1 s. */
    private static final double RESPONSE_P99_TARGET_MS = 100;
    private static final double PIPELINE_P99_TARGET_MS = 1_000;

    long errors() {
        String ok = options.mode() == Options.Mode.BATCH ? "HTTP 202" : "HTTP 201";
        return load.outcomes().entrySet().stream().filter(e -> !e.getKey().equals(ok))
                .mapToLong(Map.Entry::getValue).sum();
    }

    List<String> targetChecks() {
        List<String> checks = new ArrayList<>();
        checks.add(verdict(load.acknowledgedRate() >= 0.99 * options.rate(),
                "acknowledged rate %.0f/s vs offered %d/s".formatted(load.acknowledgedRate(), options.rate())));
        if (options.mode() == Options.Mode.SINGLE) {
            checks.add(verdict(load.responseLatency().p99Ms() < RESPONSE_P99_TARGET_MS,
                    "response p99 %.1f ms < %.0f ms".formatted(load.responseLatency().p99Ms(),
                            RESPONSE_P99_TARGET_MS)));
        }
        checks.add(verdict(projection.p99Ms() < PIPELINE_P99_TARGET_MS && projectionOutstanding == 0,
                "reading-to-projection p99 %.1f ms < %.0f ms".formatted(projection.p99Ms(), PIPELINE_P99_TARGET_MS)));
        checks.add(verdict(alerts.fromIntendedSend().p99Ms() < PIPELINE_P99_TARGET_MS
                        && alerts.seen() == alerts.expected() - alerts.rejected(),
                "reading-to-alert p99 %.1f ms < %.0f ms, every alert seen".formatted(
                        alerts.fromIntendedSend().p99Ms(), PIPELINE_P99_TARGET_MS)));
        checks.add(verdict(errors() == 0, "errors: " + errors()));
        checks.add(verdict(loss.passed(), "loss check"));
        return checks;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        line(out, "run", "%s mode, %d encounters, offered %d readings/s for %d s, alert share %.3f%s".formatted(
                options.mode().name().toLowerCase(), options.encounters(), options.rate(),
                options.duration().toSeconds(), options.alertShare(),
                options.mode() == Options.Mode.BATCH ? ", batch size " + options.batchSize() : ""));
        line(out, "started", startedAt.toString());
        line(out, "load average", "start " + loadAtStart + " | end " + loadAtEnd + " (1/5/15 min, "
                + Runtime.getRuntime().availableProcessors() + " cpus)");
        line(out, "setup", "%.1f s".formatted(setupSeconds));
        line(out, "requests", "%d due, %d readings due, %d sent, %d acknowledged".formatted(
                load.requests(), load.readingsOffered(), load.readingsSent(), load.readingsAcknowledged()));
        line(out, "rate", "offered %.1f/s, acknowledged %.1f/s (to the last answer, %.1f s)".formatted(
                load.offeredRate(), load.acknowledgedRate(), load.completedSeconds()));
        line(out, "generator lag", "max %.1f ms behind the schedule".formatted(load.maxDispatchLagMs()));
        line(out, "outcomes", load.outcomes().toString());
        load.errorExamples().forEach((outcome, body) -> line(out, "  e.g. " + outcome, body.replaceAll("\\s+", " ")));
        out.append(String.format("%-24s %8s %10s %10s %10s %10s%n", "latency (ms)", "n", "p50", "p95", "p99", "max"));
        latency(out, "response", load.responseLatency());
        latency(out, "reading->projection", projection);
        latency(out, "reading->alert (send)", alerts.fromIntendedSend());
        latency(out, "reading->alert (ack)", alerts.fromAcknowledgement());
        line(out, "alerts", ("%d breaching readings, %d rejected, %d alerts seen; %d raised records unmatched, "
                + "%d duplicate, %d breaches skipped")
                .formatted(alerts.expected(), alerts.rejected(), alerts.seen(), alerts.raisedUnmatched(),
                        alerts.raisedDuplicates(), breachesSkipped));
        line(out, "projection sample", "%d tracked, %d never seen".formatted(projectionTracked, projectionOutstanding));
        for (LossChecker.StoreCheck store : loss.stores()) {
            line(out, "loss: " + store.store(), "%d of %d found, %d missing%s, %d unacknowledged extra".formatted(
                    store.found(), loss.acknowledged(), store.missing(),
                    store.missingIds().isEmpty() ? "" : " e.g. " + store.missingIds(), store.extra()));
        }
        line(out, "loss check", (loss.passed() ? "PASSED" : "FAILED")
                + " after %.1f s drain, %d duplicates on vitals_stream"
                .formatted(loss.drainSeconds(), loss.streamDuplicates()));
        peakRssMiB.forEach((pid, mib) -> line(out, "peak RSS pid " + pid, "%.0f MiB".formatted(mib)));
        cpuSecondsDuringLoad.forEach((pid, seconds) -> line(out,
                "CPU during load " + (pid == 0 ? "benchmark" : "pid " + pid + "+children"),
                "%.1f s (from the first send to the last answer)".formatted(seconds)));
        threadCpuMillisDuringLoad.forEach((pid, groups) -> {
            line(out, "CPU by thread, pid " + pid, "ms during the load, and per acknowledged reading");
            groups.entrySet().stream().limit(THREAD_GROUPS_SHOWN).forEach(group -> out.append(String.format(
                    "  %-44s %9.0f ms %8.3f ms%n", group.getKey(), group.getValue(),
                    group.getValue() / Math.max(1, load.readingsAcknowledged()))));
        });
        databaseTable(out);
        targetChecks().forEach(check -> line(out, "target", check));
        return out.toString();
    }

    void writeJson(Path path) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", options.mode().name().toLowerCase());
        settings.put("encounters", options.encounters());
        settings.put("rate_per_s", options.rate());
        settings.put("duration_s", options.duration().toMillis() / 1000.0);
        settings.put("alert_share", options.alertShare());
        settings.put("batch_size", options.mode() == Options.Mode.BATCH ? options.batchSize() : null);
        settings.put("projection_sample", options.projectionSample());
        settings.put("max_in_flight", options.maxInFlight());
        settings.put("request_timeout_s", options.requestTimeout().toSeconds());
        settings.put("base_url", options.baseUrl());
        json.put("settings", settings);
        json.put("started_at", startedAt.toString());
        json.put("machine", SystemStats.machine());
        json.put("load_average", Map.of("start", loadAtStart, "end", loadAtEnd));
        json.put("setup_s", round(setupSeconds));
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("requests", load.requests());
        requests.put("readings_offered", load.readingsOffered());
        requests.put("readings_sent", load.readingsSent());
        requests.put("readings_acknowledged", load.readingsAcknowledged());
        requests.put("offered_rate_per_s", round(load.offeredRate()));
        requests.put("acknowledged_rate_per_s", round(load.acknowledgedRate()));
        requests.put("acknowledged_window_s", round(load.completedSeconds()));
        requests.put("max_generator_lag_ms", round(load.maxDispatchLagMs()));
        requests.put("outcomes", load.outcomes());
        requests.put("errors", errors());
        requests.put("error_examples", load.errorExamples());
        json.put("load", requests);
        json.put("response_latency_ms", percentiles(load.responseLatency()));
        Map<String, Object> projectionJson = percentiles(projection);
        projectionJson.put("tracked", projectionTracked);
        projectionJson.put("never_seen", projectionOutstanding);
        projectionJson.put("measured_at", "view_vitals in PostgreSQL, polled every "
                + ProjectionProbe.POLL_INTERVAL_NANOS / 1_000_000 + " ms");
        json.put("reading_to_projection_ms", projectionJson);
        Map<String, Object> alertJson = new LinkedHashMap<>();
        alertJson.put("breaching_readings", alerts.expected());
        alertJson.put("rejected", alerts.rejected());
        alertJson.put("seen", alerts.seen());
        alertJson.put("raised_unmatched", alerts.raisedUnmatched());
        alertJson.put("raised_duplicates", alerts.raisedDuplicates());
        alertJson.put("raised_redelivered", alerts.raisedRedelivered());
        alertJson.put("alert_records", alerts.alertRecords());
        alertJson.put("breaches_skipped", breachesSkipped);
        alertJson.put("from_intended_send", percentiles(alerts.fromIntendedSend()));
        alertJson.put("from_acknowledgement", percentiles(alerts.fromAcknowledgement()));
        json.put("reading_to_alert_ms", alertJson);
        Map<String, Object> lossJson = new LinkedHashMap<>();
        lossJson.put("passed", loss.passed());
        lossJson.put("acknowledged", loss.acknowledged());
        lossJson.put("drain_s", round(loss.drainSeconds()));
        lossJson.put("vitals_stream_duplicates", loss.streamDuplicates());
        List<Map<String, Object>> stores = new ArrayList<>();
        for (LossChecker.StoreCheck store : loss.stores()) {
            Map<String, Object> storeJson = new LinkedHashMap<>();
            storeJson.put("store", store.store());
            storeJson.put("found", store.found());
            storeJson.put("missing", store.missing());
            storeJson.put("missing_ids", store.missingIds());
            storeJson.put("unacknowledged_extra", store.extra());
            stores.add(storeJson);
        }
        lossJson.put("stores", stores);
        json.put("loss_check", lossJson);
        Map<String, Object> rss = new LinkedHashMap<>();
        peakRssMiB.forEach((pid, mib) -> rss.put(String.valueOf(pid), round(mib)));
        json.put("peak_rss_mib", rss);
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpuSecondsDuringLoad.forEach((pid, seconds) -> cpu.put(pid == 0 ? "benchmark" : String.valueOf(pid), seconds));
        json.put("cpu_seconds_during_load", cpu);
        Map<String, Object> threads = new LinkedHashMap<>();
        threadCpuMillisDuringLoad.forEach((pid, groups) -> threads.put(String.valueOf(pid), groups));
        json.put("thread_cpu_ms_during_load", threads);
        json.put("database_during_load", databaseJson());
        json.put("targets", targetChecks());
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, HttpApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    /** PostgreSQL's own counts during the load, per acknowledged reading. */
    private void databaseTable(StringBuilder out) {
        double readings = Math.max(1, load.readingsAcknowledged());
        if (!database.tables().isEmpty()) {
            out.append("PostgreSQL rows written (pg_stat_user_tables), per acknowledged reading: inserted / updated / "
                    + "deleted\n");
            database.tables().forEach((table, rows) -> out.append(String.format("  %-40s %8.3f %8.3f %8.3f%n", table,
                    rows.inserted() / readings, rows.updated() / readings, rows.deleted() / readings)));
        }
        if (database.statementsCounted()) {
            out.append(String.format("PostgreSQL statements (pg_stat_statements): %.2f per acknowledged reading; the "
                    + "%d most frequent: calls and rows per reading, mean ms%n", database.statementCalls() / readings,
                    STATEMENTS_SHOWN));
            database.statements().stream().limit(STATEMENTS_SHOWN).forEach(statement -> out.append(String.format(
                    "  %7.3f %7.3f %7.3f  %s%n", statement.calls() / readings, statement.rows() / readings,
                    statement.calls() == 0 ? 0 : statement.totalMs() / statement.calls(),
                    abbreviated(statement.query()))));
        }
    }

    private Map<String, Object> databaseJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> tables = new LinkedHashMap<>();
        database.tables().forEach((table, rows) -> tables.put(table, Map.of("inserted", rows.inserted(),
                "updated", rows.updated(), "deleted", rows.deleted())));
        json.put("rows_written_by_table", tables);
        json.put("statements_counted", database.statementsCounted());
        json.put("statements", database.statements().stream().map(statement -> Map.of("query", statement.query(),
                "calls", statement.calls(), "rows", statement.rows(), "total_ms", round(statement.totalMs())))
                .toList());
        return json;
    }

    private static String abbreviated(String query) {
        return query.length() > 110 ? query.substring(0, 107) + "..." : query;
    }

    private static Map<String, Object> percentiles(Percentiles p) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", p.count());
        map.put("p50", finite(p.p50Ms()));
        map.put("p95", finite(p.p95Ms()));
        map.put("p99", finite(p.p99Ms()));
        map.put("max", finite(p.maxMs()));
        return map;
    }

    private static Double finite(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 100) / 100.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String verdict(boolean met, String what) {
        return (met ? "MET     " : "NOT MET ") + what;
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-24s %s%n", label, value));
    }

    private static void latency(StringBuilder out, String label, Percentiles p) {
        out.append(String.format("%-24s %8d %10.1f %10.1f %10.1f %10.1f%n", label, p.count(), p.p50Ms(), p.p95Ms(),
                p.p99Ms(), p.maxMs()));
    }
}
