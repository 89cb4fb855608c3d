package org.hospital.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hospital.infra.EmbeddedPostgres;
import org.hospital.infra.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system as separate OS processes: PostgreSQL (the embedded server's own processes, started from this JVM), a
 * Kafka broker in a JVM of its own, and two instances of each side ({@code java -jar hospital-local-exec.jar} with
 * {@code HOSPITAL_SIDES}). The broker runs from the application jar through Spring Boot's
 * {@code PropertiesLauncher}, so the run needs no jar but the system's. The token secret is made per run.
 */
final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    static final List<String> SIDES = List.of("command", "query", "alerting");
    private static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final String KAFKA_READY = "Kafka ready on";

    private volatile EmbeddedPostgres postgres;
    private volatile boolean postgresRunning = true;
    private final SystemProcess kafka;
    private final Map<String, SystemProcess> sides = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Cluster(EmbeddedPostgres postgres, SystemProcess kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts everything and waits until every process is ready; command-1 (demo profile, seeds) goes first. */
    static Cluster start(ChaosOptions options, Path workDir) throws InterruptedException {
        Path logs = workDir.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path appJar = options.appJar().toAbsolutePath();
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException("the system's jar " + appJar + " is missing: build it first"
                    + " (./mvnw -pl hospital-app -am package -DskipTests)");
        }
        int[] port = ports(options.basePort(), 8);
        String java = ProcessHandle.current().info().command().orElse("java");
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.start(workDir.resolve("postgres"), port[0]);
        String bootstrap = "localhost:" + port[1];
        SystemProcess kafka = new SystemProcess("kafka", List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", appJar.toString(), "-Dloader.main=org.hospital.infra.StandaloneKafka", LAUNCHER,
                workDir.resolve("kafka").toString(), String.valueOf(port[1])), Map.of(), logs,
                log -> logContains(log, KAFKA_READY));
        Cluster cluster = new Cluster(postgres, kafka);
        cluster.ports.put("postgres", port[0]);
        cluster.ports.put("kafka", port[1]);
        try {
            long kafkaStart = System.nanoTime();
            kafka.start();
            kafka.awaitReady(options.readyTimeout(), kafkaStart);
            Map<String, String> environment = new HashMap<>();
            environment.put("DATABASE_URL", postgres.jdbcUrl());
            environment.put("DATABASE_USER", postgres.username());
            environment.put("DATABASE_PASSWORD", postgres.password());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            environment.put("HOSPITAL_JWT_SECRET", randomSecret());
            environment.put("HOSPITAL_ACCESS_LOG_KEY", randomSecret());
            // Two segments, so that both alerting instances have work and a kill moves live sagas between them.
            environment.put("HOSPITAL_ALERTING_PROCESSOR_SEGMENTS", "2");
            int next = 2;
            for (String side : SIDES) {
                for (int instance = 1; instance <= 2; instance++) {
                    String name = side + "-" + instance;
                    int sidePort = port[next++];
                    List<String> command = new ArrayList<>(List.of(java));
                    command.addAll(options.appJvmOptions());
                    command.addAll(List.of("-jar", appJar.toString()));
                    if (name.equals("command-1")) {
                        command.add("--spring.profiles.active=demo");
                    }
                    Map<String, String> sideEnvironment = new HashMap<>(environment);
                    sideEnvironment.put("HOSPITAL_SIDES", side);
                    sideEnvironment.put("PORT", String.valueOf(sidePort));
                    cluster.ports.put(name, sidePort);
                    cluster.sides.put(name, new SystemProcess(name, command, sideEnvironment, logs,
                            log -> ready(sidePort)));
                }
            }
            // The first command instance migrates the schema and seeds the demo accounts alone; the other five
            // start together.
            SystemProcess first = cluster.sides.get("command-1");
            long firstStart = System.nanoTime();
            first.start();
            first.awaitReady(options.readyTimeout(), firstStart);
            long restStart = System.nanoTime();
            cluster.sides.values().stream().filter(p -> p != first).forEach(SystemProcess::start);
            for (SystemProcess process : cluster.sides.values()) {
                if (process != first) {
                    process.awaitReady(options.readyTimeout(), restStart);
                }
            }
            LOG.info("the system is up after {} s: {}", Math.round((System.nanoTime() - started) / 1e9), cluster.ports);
            return cluster;
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    SystemProcess process(String name) {
        if (name.equals("kafka")) {
            return kafka;
        }
        SystemProcess process = sides.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process " + name);
        }
        return process;
    }

    List<SystemProcess> processes() {
        List<SystemProcess> all = new ArrayList<>();
        all.add(kafka);
        all.addAll(sides.values());
        return all;
    }

    String baseUrl(String name) {
        return "http://localhost:" + ports.get(name);
    }

    String bootstrapServers() {
        return "localhost:" + ports.get("kafka");
    }

    EmbeddedPostgres postgres() {
        return postgres;
    }

    /** SIGKILL of PostgreSQL's server and backends: every side loses its connections at once. */
    void killPostgres() {
        postgresRunning = false;
        postgres.kill();
    }

    /** Starts PostgreSQL again on the same port and data (it replays its log first). */
    void restartPostgres() {
        postgres = postgres.restart();
        postgresRunning = true;
    }

    /** False from a kill of PostgreSQL until its restart returned. */
    boolean postgresRunning() {
        return postgresRunning;
    }

    /** Waits until every side answers its readiness check with 200 again; returns the seconds since {@code since}. */
    double awaitSidesReady(Duration timeout, long since) throws InterruptedException {
        long deadline = since + timeout.toNanos();
        for (Map.Entry<String, SystemProcess> side : sides.entrySet()) {
            while (!ready(ports.get(side.getKey()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(side.getKey() + " not ready again after " + timeout.toSeconds()
                            + " s; see " + side.getValue().currentLog());
                }
                Thread.sleep(250);
            }
        }
        return (System.nanoTime() - since) / 1e9;
    }

    Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    /** Readiness as the deployment checks it: 200 from the side's readiness endpoint. */
    static boolean ready(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        try {
            for (SystemProcess side : sides.values()) {
                side.stop(Duration.ofSeconds(20));
            }
            kafka.stop(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            postgres.close();
        }
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code count} ports from {@code base} on, or free ones when base is 0. */
    private static int[] ports(int base, int count) {
        if (base == 0) {
            return Ports.free(count);
        }
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = base + i;
        }
        return ports;
    }
}
