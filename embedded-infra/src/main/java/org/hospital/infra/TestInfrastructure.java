package org.hospital.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The PostgreSQL and Kafka that integration tests share within one JVM, so each test class does not pay the
 * start-up time again.
 */
public final class TestInfrastructure {

    private static TestInfrastructure shared;

    private final EmbeddedPostgres postgres;
    private final EmbeddedKafka kafka;
    private final AtomicInteger databaseCounter = new AtomicInteger();

    private TestInfrastructure(EmbeddedPostgres postgres, EmbeddedKafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** One PostgreSQL and one Kafka per JVM, started on first call in fresh temp directories with free ports, stopped by a shutdown hook. For tests. */
    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            shared = startInTemporaryDirectory();
        }
        return shared;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /**
     * The Spring properties that point an application at this infrastructure, with {@code databaseUrl} (from
     * {@link #newDatabase}) as its database.
     */
    public Map<String, String> springProperties(String databaseUrl) {
        return Map.of(
                "spring.datasource.url", databaseUrl,
                "spring.datasource.username", postgres().username(),
                "spring.datasource.password", postgres().password(),
                "spring.kafka.bootstrap-servers", kafka().bootstrapServers());
    }

    /** Creates a new empty database on the shared server and returns its JDBC URL (so test classes do not see each other's tables). */
    public String newDatabase(String namePrefix) {
        String name = databaseName(namePrefix) + "_" + databaseCounter.incrementAndGet();
        try (Connection connection = postgres.superuserConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + postgres.username());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return postgres.jdbcUrl(name);
    }

    private static TestInfrastructure startInTemporaryDirectory() {
        Path root;
        try {
            root = Files.createTempDirectory("hospital-test-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the test infrastructure", e);
        }
        // The binaries are unpacked once per machine rather than once per test JVM; zonky names the directory
        // after the archive's checksum and locks it while unpacking, so concurrent JVMs share it safely.
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "hospital-embedded-pg");
        // Both servers start in parallel: the first test waits for the slower one only.
        CompletableFuture<EmbeddedPostgres> postgres =
                CompletableFuture.supplyAsync(() -> EmbeddedPostgres.start(root.resolve("postgres"), 0, binaries));
        CompletableFuture<EmbeddedKafka> kafka =
                CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(root.resolve("kafka"), 0));
        try {
            TestInfrastructure infrastructure = new TestInfrastructure(postgres.join(), kafka.join());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                infrastructure.kafka.close();
                infrastructure.postgres.close();
                deleteRecursively(root);
            }, "test-infrastructure-shutdown"));
            return infrastructure;
        } catch (CompletionException e) {
            // Wait for the other server as well, so nothing keeps running on a directory that is deleted.
            closeIfStarted(postgres);
            closeIfStarted(kafka);
            deleteRecursively(root);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void closeIfStarted(CompletableFuture<? extends AutoCloseable> server) {
        try {
            server.join().close();
        } catch (Exception failedToStart) {
            // Nothing to close; the first failure is the one reported.
        }
    }

    /** Database names are unquoted identifiers: lower case letters, digits and underscores, at most 63 bytes. */
    private static String databaseName(String prefix) {
        String name = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "db_" + name;
        }
        return name.length() > 48 ? name.substring(0, 48) : name;
    }

    /** Test data is throw-away; leaving it would fill the temp directory with a cluster per test run. */
    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at JVM exit; the OS cleans the temp directory eventually.
        }
    }
}
