package org.hospital.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.hospital.bench.HttpApi;
import org.hospital.bench.Percentiles;

/** The chaos run as a table for the terminal and as JSON. */
final class ChaosReport {

    private final ChaosScenario.Result result;

    ChaosReport(ChaosScenario.Result result) {
        this.result = result;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        ChaosOptions o = result.options();
        out.append("Chaos run %s (seed %d): %d readings/s over 2 command instances, %d encounters, alert share %.2f,"
                .formatted(result.startedAt(), o.seed(), o.rate(), o.encounters(), o.alertShare()))
                .append(" system up in %.0f s; logs in %s%n%n".formatted(result.startupSeconds(),
                        result.workDir().resolve("logs")));
        out.append("%-26s %7s %6s %6s %6s %8s %9s %9s  %s%n".formatted("phase", "start s", "len s", "sent", "2xx",
                "retries", "p50 ms", "p99 ms", "first attempts without 2xx; reads"));
        for (Phase.Summary phase : result.phases()) {
            Percentiles latency = phase.latency();
            out.append("%-26s %7.1f %6.1f %6d %6d %4d/%-3d %9.0f %9.0f  %s; reads %s%n".formatted(phase.name(),
                    phase.startSeconds(), phase.seconds(), phase.sent(), phase.acknowledged(),
                    phase.retriesAcknowledged(), phase.retries(), latency.p50Ms(), latency.p99Ms(),
                    failures(phase.firstAttempts()), reads(phase.reads())));
        }
        out.append("%n%-30s %10s %10s  %s%n".formatted("kill and restart", "down s", "ready s", "failure"));
        for (ChaosScenario.Restart restart : result.restarts()) {
            out.append("%-30s %10.1f %10s  %s%n".formatted(restart.process(), restart.downSeconds(),
                    restart.readySeconds() == null ? "-" : "%.1f".formatted(restart.readySeconds()),
                    restart.failure() == null ? "" : restart.failure()));
        }
        out.append("%ntakeovers (who holds the single-threaded work; seconds since the run started)%n".formatted());
        for (TakeoverWatch.Change change : result.takeovers()) {
            out.append("  %7.1f  %-45s %s -> %s%n".formatted(change.atSeconds(), change.what(), change.from(),
                    change.to()));
        }
        out.append("%nviews converged %.1f s after the load stopped%n%n".formatted(result.convergenceSeconds()));
        for (ChaosChecks.Check check : result.checks()) {
            out.append("%-4s %s%n     %s%n".formatted(check.passed() ? "PASS" : "FAIL", check.name(),
                    check.detail()));
        }
        out.append("%nverdict: %s%n".formatted(result.passed() ? "PASS" : "FAIL"));
        return out.toString();
    }

    void writeJson(Path path) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started_at", result.startedAt().toString());
        json.put("settings", result.options());
        json.put("startup_s", result.startupSeconds());
        json.put("phases", result.phases());
        json.put("restarts", result.restarts());
        json.put("takeovers", result.takeovers());
        json.put("admission_rounds", result.raceRounds());
        json.put("convergence_s", result.convergenceSeconds());
        json.put("alive_at_end", result.aliveAtEnd());
        json.put("checks", result.checks());
        json.put("passed", result.passed());
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.writeString(absolute, HttpApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    private static String failures(Map<String, Long> outcomes) {
        String failed = outcomes.entrySet().stream().filter(e -> !e.getKey().contains(" HTTP 2"))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return failed.isEmpty() ? "none" : failed;
    }

    private static String reads(Map<String, Long> outcomes) {
        long ok = outcomes.entrySet().stream().filter(e -> e.getKey().contains(" HTTP 2"))
                .mapToLong(Map.Entry::getValue).sum();
        return ok + " ok" + (failures(outcomes).equals("none") ? "" : ", " + failures(outcomes));
    }
}
