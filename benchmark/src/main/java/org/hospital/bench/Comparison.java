package org.hospital.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts two result files of the load benchmark side by side (a baseline and the system as configured) with the
 * ratio of each figure: {@code java -jar benchmark.jar compare baseline/result.json tuned/result.json}.
 */
final class Comparison {

    /** One row: a figure's name and where it is in the result JSON. */
    private record Figure(String name, String... path) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("acknowledged readings/s", "load", "acknowledged_rate_per_s"),
            new Figure("errors", "load", "errors"),
            new Figure("response p50 ms", "response_latency_ms", "p50"),
            new Figure("response p99 ms", "response_latency_ms", "p99"),
            new Figure("reading->projection p50 ms", "reading_to_projection_ms", "p50"),
            new Figure("reading->projection p99 ms", "reading_to_projection_ms", "p99"),
            new Figure("reading->alert p50 ms", "reading_to_alert_ms", "from_intended_send", "p50"),
            new Figure("reading->alert p99 ms", "reading_to_alert_ms", "from_intended_send", "p99"));

    private Comparison() {
    }

    static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: compare <baseline result.json> <tuned result.json>");
            System.exit(2);
        }
        JsonMapper json = JsonMapper.builder().build();
        JsonNode baseline = json.readTree(Files.readString(Path.of(args[0])));
        JsonNode tuned = json.readTree(Files.readString(Path.of(args[1])));
        System.out.print(table(baseline, tuned));
    }

    static String table(JsonNode baseline, JsonNode tuned) {
        StringBuilder out = new StringBuilder(String.format("%-30s %14s %14s %10s%n", "figure", "baseline", "tuned",
                "tuned/base"));
        for (Figure figure : FIGURES) {
            row(out, figure.name(), value(baseline, figure.path()), value(tuned, figure.path()));
        }
        row(out, "system CPU ms per reading", cpuPerReading(baseline), cpuPerReading(tuned));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Double base, Double tuned) {
        String ratio = base == null || tuned == null || base == 0 ? "-" : "%.2f".formatted(tuned / base);
        out.append(String.format("%-30s %14s %14s %10s%n", name, format(base), format(tuned), ratio));
    }

    private static String format(Double value) {
        return value == null ? "-" : "%.1f".formatted(value);
    }

    private static Double value(JsonNode root, String... path) {
        JsonNode node = root;
        for (String step : path) {
            node = node.path(step);
        }
        return node.isNumber() ? node.asDouble() : null;
    }

    /** CPU seconds of the system's processes (every pid but the benchmark's own) per acknowledged reading, in ms. */
    static Double cpuPerReading(JsonNode result) {
        double seconds = 0;
        for (var entry : result.path("cpu_seconds_during_load").properties()) {
            if (!entry.getKey().equals("benchmark")) {
                seconds += entry.getValue().asDouble();
            }
        }
        Double acknowledged = value(result, "load", "readings_acknowledged");
        return acknowledged == null || acknowledged == 0 ? null : seconds * 1000 / acknowledged;
    }
}
