package org.hospital.bench.chaos;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hospital.bench.Options;

/** The chaos run's settings, parsed from {@code --key=value} arguments like the load benchmark's. */
public record ChaosOptions(Path appJar, Path workDir, int rate, int encounters, double alertShare,
                           Duration baseline, Duration down, Duration kafkaDown, Duration postgresDown,
                           Duration bothDown, Duration jitter, long seed,
                           Duration readyTimeout, Duration drain, Duration requestTimeout, int raceRounds,
                           int basePort, List<String> appJvmOptions, boolean retry, Path output) {

    private static final String USAGE = """
            Usage: java -jar benchmark.jar chaos [--key=value ...]
              --app-jar=hospital-app/target/hospital-app-exec.jar   the system's jar (also runs the Kafka broker)
              --work-dir=<temp>                   data of PostgreSQL and Kafka, and every process's log
              --rate=30                           readings per second, round-robin over the two command instances
              --encounters=10                     encounters the readings go to
              --alert-share=0.05                  share of readings that breach a threshold
              --baseline=15                       seconds of load before the first kill
              --down=10                           seconds a killed side stays dead
              --kafka-down=20                     seconds the killed broker stays dead
              --postgres-down=15                  seconds PostgreSQL (killed: server and backends) stays dead (0: not killed)
              --both-down=0                       seconds both query instances stay dead at once (0: no such phase)
              --jitter=5                          each kill comes at a random moment up to this many seconds late
              --seed=<random>                     seed of those moments (printed, to repeat a run)
              --ready-timeout=180                 seconds a (re)started process may take to be ready
              --drain=120                         seconds the views may take to converge after the load
              --request-timeout=10                seconds before a request counts as a timeout
              --race-rounds=20                    rounds of two simultaneous admissions into one room
              --base-port=0                       first of 8 ports (PostgreSQL, Kafka, six sides); 0: free ports
              --app-jvm-options=-Xmx384m -XX:TieredStopAtLevel=1   JVM options of every side (space separated)
              --retry=true                        retry a reading once on the other instance when the first fails
                                                  without an answer (same Idempotency-Key)
              --output=bench-results/chaos.json   JSON report path
            """;

    static final String DEFAULT_JVM_OPTIONS = "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    public static ChaosOptions parse(String[] args) {
        Map<String, String> values = Options.keyValues(args, USAGE);
        ChaosOptions options = new ChaosOptions(
                Path.of(Options.take(values, "app-jar", "hospital-app/target/hospital-app-exec.jar")),
                optionalPath(Options.take(values, "work-dir", "")),
                Integer.parseInt(Options.take(values, "rate", "30")),
                Integer.parseInt(Options.take(values, "encounters", "10")),
                Double.parseDouble(Options.take(values, "alert-share", "0.05")),
                seconds(Options.take(values, "baseline", "15")),
                seconds(Options.take(values, "down", "10")),
                seconds(Options.take(values, "kafka-down", "20")),
                seconds(Options.take(values, "postgres-down", "15")),
                seconds(Options.take(values, "both-down", "0")),
                seconds(Options.take(values, "jitter", "5")),
                Long.parseLong(Options.take(values, "seed", String.valueOf(new SecureRandom().nextLong()))),
                seconds(Options.take(values, "ready-timeout", "180")),
                seconds(Options.take(values, "drain", "120")),
                seconds(Options.take(values, "request-timeout", "10")),
                Integer.parseInt(Options.take(values, "race-rounds", "20")),
                Integer.parseInt(Options.take(values, "base-port", "0")),
                List.of(Options.take(values, "app-jvm-options", DEFAULT_JVM_OPTIONS).trim().split("\\s+")),
                Boolean.parseBoolean(Options.take(values, "retry", "true")),
                Path.of(Options.take(values, "output", "bench-results/chaos.json")));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) " + values.keySet() + "\n" + USAGE);
        }
        if (options.rate < 1 || options.encounters < 1 || options.raceRounds < 0) {
            throw new IllegalArgumentException("rate and encounters must be positive\n" + USAGE);
        }
        return options;
    }

    private static Path optionalPath(String value) {
        return value.isBlank() ? null : Path.of(value);
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
}
