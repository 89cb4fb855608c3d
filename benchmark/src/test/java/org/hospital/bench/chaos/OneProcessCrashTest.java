package org.hospital.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.hospital.bench.BenchEncounter;
import org.hospital.bench.EncounterSetup;
import org.hospital.bench.HttpApi;
import org.hospital.bench.KafkaObserver;
import org.hospital.bench.LossChecker;
import org.hospital.bench.ReadingSource;
import org.hospital.bench.SystemDatabase;
import org.hospital.infra.EmbeddedPostgres;
import org.hospital.infra.Ports;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one-command system ({@code java -jar hospital-local-exec.jar}, PostgreSQL and Kafka embedded) killed with SIGKILL
 * under load and started again on its data: its PostgreSQL is left running without its JVM and its in-process broker
 * dies mid-write. Every acknowledged reading must be stored, streamed and projected once and each alert raised once.
 * Needs the one-command jar from the hospital-local module, which the reactor builds before this one.
 */
@Tag("integration")
class OneProcessCrashTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final JsonMapper JSON = new JsonMapper();

    /** Kept when the test fails: the process's logs are in logs/. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    @Test
    void aKilledSystemComesBackWithEveryAcknowledgedReadingStoredStreamedAndProjectedOnce() throws Exception {
        Path appJar = AppJar.oneCommand();
        int[] port = Ports.free(3);
        Path logs = Files.createDirectories(workDir.resolve("logs"));
        String java = ProcessHandle.current().info().command().orElse("java");
        SystemProcess system = new SystemProcess("system", List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-jar", appJar.toString(), "--spring.profiles.active=demo"),
                Map.of("HOSPITAL_DATA_DIR", workDir.resolve("data").toString(), "PORT", String.valueOf(port[0]),
                        "HOSPITAL_POSTGRES_PORT", String.valueOf(port[1]),
                        "HOSPITAL_KAFKA_PORT", String.valueOf(port[2]),
                        // Spring Boot's structured logging, as a deployment that collects logs asks for it.
                        "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
                        // The demo profile makes a new secret per start: with its own, tokens outlive the restart.
                        "HOSPITAL_JWT_SECRET", Cluster.randomSecret()),
                logs, log -> Cluster.ready(port[0]));
        long started = System.nanoTime();
        system.start();
        try {
            system.awaitReady(READY_TIMEOUT, started);
            // The servers call no third party: Axon's update checker is off in the system as deployed (tests
            // started in-process never run it, so only a real start shows it).
            assertThat(Files.readString(system.currentLog())).contains("opted out of the AxonIQ UpdateChecker");
            HttpApi api = new HttpApi("http://localhost:" + port[0], Duration.ofSeconds(10));
            String nurseToken = api.login("nurse_joy", "password");
            assertThat(requestLogLines(system.currentLog(), "path=/auth/login"))
                    .as("the sign-in's request log line, one JSON object with the request id as a field")
                    .anySatisfy(line -> {
                        assertThat(line.path("request_id").asString()).isNotBlank();
                        assertThat(line.path("message").asString())
                                .contains("request_id=" + line.path("request_id").asString() + " ");
                    });
            List<BenchEncounter> encounters = new EncounterSetup(api, api.login("admin", "password"), 4).admit(6);
            Set<Long> encounterIds = encounters.stream().map(BenchEncounter::id)
                    .collect(Collectors.toUnmodifiableSet());
            String jdbcUrl = "jdbc:postgresql://localhost:" + port[1] + "/hospital";
            try (SystemDatabase lossDatabase = new SystemDatabase(jdbcUrl, "hospital", "hospital");
                 ChaosDatabase checkDatabase = new ChaosDatabase(jdbcUrl, "hospital", "hospital");
                 KafkaObserver observer = new KafkaObserver("localhost:" + port[2], encounterIds)) {
                ChaosScenario.awaitProjected(lossDatabase, encounterIds, READY_TIMEOUT);
                // One process: the "other instance" of a retried reading is the same one, as for a device that
                // sends again, with the same Idempotency-Key, a reading that got no answer.
                ChaosLoad load = new ChaosLoad(List.of("system", "system"), List.of(api, api), List.of("system"),
                        List.of(api), nurseToken, encounters, new ReadingSource(encounters, 0.05), observer, 20, true);
                load.start("before");
                Thread.sleep(6_000);
                load.phase("down");
                system.kill();
                Thread.sleep(3_000);
                load.phase("restarting");
                long restart = System.nanoTime();
                system.start();
                system.awaitReady(READY_TIMEOUT, restart);
                load.phase("after");
                Thread.sleep(6_000);
                load.stop();

                ChaosChecks checks = new ChaosChecks(checkDatabase, observer, encounterIds);
                LossChecker.Verdict loss = new LossChecker(lossDatabase, observer, encounterIds).check(
                        load.acknowledgedIds(), Set.of(), Duration.ofSeconds(120), () -> checks.viewsAgree(List.of()));
                List<Phase.Summary> phases = load.phases().stream().map(phase -> phase.summary(started)).toList();
                List<ChaosChecks.Check> verdicts = new ArrayList<>(List.of(checks.readings(loss),
                        checks.streamRepeats(loss), checks.alerts(), checks.order(),
                        ChaosScenario.noServerErrors(phases)));
                phases.forEach(phase -> System.out.printf("%-11s sent %4d, 2xx %4d, first attempts %s%n",
                        phase.name(), phase.sent(), phase.acknowledged(), phase.firstAttempts()));
                verdicts.forEach(check -> System.out.printf("%s %s: %s%n", check.passed() ? "PASS" : "FAIL",
                        check.name(), check.detail()));

                assertThat(verdicts).allSatisfy(check ->
                        assertThat(check.passed()).as(check.name() + ": " + check.detail()).isTrue());
                assertThat(phases).filteredOn(phase -> Set.of("before", "after").contains(phase.name()))
                        .allSatisfy(phase -> assertThat(phase.acknowledged()).as(phase.name()).isPositive());
                assertThat(phases).filteredOn(phase -> phase.name().equals("down")).singleElement()
                        .satisfies(phase -> assertThat(phase.firstAttempts("system", "refused"))
                                .as("readings sent to the dead process").isPositive());
            }
            // A clean stop (SIGTERM) closes the application first (requests drained, processors stopped, connection
            // pools closed); its embedded PostgreSQL stops last, not at the same moment from a hook of its own.
            system.stop(Duration.ofSeconds(30));
            List<String> stopping = Files.readAllLines(system.currentLog());
            int drained = indexOf(stopping, "Graceful shutdown complete");
            int poolsClosed = lastIndexOf(stopping, "HikariDataSource");
            int databaseStopped = indexOf(stopping, "PostgreSQL on port " + port[1] + " stopped");
            assertThat(drained).as("the application drained its requests").isNotNegative();
            assertThat(poolsClosed).as("the application closed its connection pools").isGreaterThan(drained);
            assertThat(databaseStopped).as("PostgreSQL stopped after the application").isGreaterThan(poolsClosed);
            assertThat(stopping.subList(drained, stopping.size()))
                    .noneMatch(line -> line.contains("localhost:" + port[1] + " refused"));
        } finally {
            system.stop(Duration.ofSeconds(30)); // after a failure; a no-op once stopped
            // After a failure between the kill and the restart, the killed system's PostgreSQL still runs.
            EmbeddedPostgres.stopOrphanedServer(workDir.resolve("data").resolve("postgres"));
        }
    }

    /** The request log's JSON lines (logger {@code http.request}) whose message contains {@code text}. */
    private static List<JsonNode> requestLogLines(Path log, String text) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{") && line.contains(text)) {
                JsonNode json = JSON.readTree(line);
                if ("http.request".equals(json.path("log").path("logger").asString())) {
                    lines.add(json);
                }
            }
        }
        return lines;
    }

    private static int lastIndexOf(List<String> lines, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
