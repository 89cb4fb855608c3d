package org.hospital.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings, parsed from {@code --key=value} arguments. Rates are readings per second in both modes:
 * in batch mode the request rate is {@code rate / batchSize}.
 */
public record Options(String baseUrl, String kafka, String jdbcUrl, String jdbcUser, String jdbcPassword,
               int encounters, int rate, Duration duration, double alertShare, Mode mode, int batchSize,
               double projectionSample, Duration drain, Duration settle, Duration warmup, Duration requestTimeout,
               int setupParallelism, int maxInFlight, List<Long> systemPids, Path output) {

    enum Mode { SINGLE, BATCH }

    private static final String USAGE = """
            Usage: java -jar benchmark.jar [--key=value ...]
              --base-url=http://localhost:8080    the system's HTTP entry point
              --kafka=localhost:9092              bootstrap servers (alerts and vitals_stream are read)
              --jdbc-url=jdbc:postgresql://localhost:5433/hospital  (--jdbc-user, --jdbc-password: hospital)
              --encounters=1000                   encounters admitted for the run
              --rate=1000                         readings per second (open model, fixed arrival times)
              --duration=60                       seconds of load
              --alert-share=0.02                  share of readings that breach a threshold (first breach of its kind)
              --mode=single|batch                 POST /vitals or POST /vitals/batch
              --batch-size=500                    readings per batch request
              --projection-sample=0.01            share of acknowledged readings polled for in view_vitals
              --drain=60                          seconds to wait after the load for stores to catch up
              --settle=5                          seconds to wait after setup before the load
              --warmup=120                        seconds of unmeasured readings (16 in flight, no breaches) before
                                                  the load, so the system's JIT has compiled the reading path; the
                                                  load starts when they are all projected
              --request-timeout=30                seconds before a request counts as a timeout
              --setup-parallelism=16              concurrent requests during setup
              --max-in-flight=2000                requests open at once; a request due beyond it is not sent
                                                  and counts as an error (keeps the client within its sockets)
              --system-pids=<pid,...>             processes whose peak RSS (VmHWM) is reported
              --output=bench-results/result.json  JSON report path
            """;

    static Options parse(String[] args) {
        Map<String, String> values = keyValues(args, USAGE);
        Options options = new Options(
                take(values, "base-url", "http://localhost:8080").replaceAll("/+$", ""),
                take(values, "kafka", "localhost:9092"),
                take(values, "jdbc-url", "jdbc:postgresql://localhost:5433/hospital"),
                take(values, "jdbc-user", "hospital"),
                take(values, "jdbc-password", "hospital"),
                Integer.parseInt(take(values, "encounters", "1000")),
                Integer.parseInt(take(values, "rate", "1000")),
                seconds(take(values, "duration", "60")),
                Double.parseDouble(take(values, "alert-share", "0.02")),
                Mode.valueOf(take(values, "mode", "single").toUpperCase()),
                Integer.parseInt(take(values, "batch-size", "500")),
                Double.parseDouble(take(values, "projection-sample", "0.01")),
                seconds(take(values, "drain", "60")),
                seconds(take(values, "settle", "5")),
                seconds(take(values, "warmup", "120")),
                seconds(take(values, "request-timeout", "30")),
                Integer.parseInt(take(values, "setup-parallelism", "16")),
                Integer.parseInt(take(values, "max-in-flight", "2000")),
                pids(take(values, "system-pids", "")),
                Path.of(take(values, "output", "bench-results/result.json")));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) " + values.keySet() + "\n" + USAGE);
        }
        if (options.encounters < 1 || options.rate < 1 || options.batchSize < 1 || options.batchSize > 1000) {
            throw new IllegalArgumentException("encounters and rate must be positive, batch-size 1-1000\n" + USAGE);
        }
        return options;
    }

    /** Readings sent in the whole run. */
    long plannedReadings() {
        return Math.round(rate * (duration.toMillis() / 1000.0));
    }

    int readingsPerRequest() {
        return mode == Mode.BATCH ? batchSize : 1;
    }

    /** {@code --key=value} arguments by key; anything else (or {@code --help}) answers with the usage. */
    public static Map<String, String> keyValues(String[] args, String usage) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || !arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException(usage);
            }
            int eq = arg.indexOf('=');
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return values;
    }

    /** Removes and returns the value of {@code key}, or {@code fallback} when it is missing or blank. */
    public static String take(Map<String, String> values, String key, String fallback) {
        String value = values.remove(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    static List<Long> pids(String value) {
        List<Long> pids = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                pids.add(Long.parseLong(part.trim()));
            }
        }
        return List.copyOf(pids);
    }
}
