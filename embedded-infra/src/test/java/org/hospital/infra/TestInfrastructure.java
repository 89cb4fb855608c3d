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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL and Kafka that integration tests share within one JVM, so each test class does not pay the
 * start-up time again. Each server starts on its first use: a test that needs only PostgreSQL does not wait for (or
 * spend a core on) a Kafka broker.
 */
public final class TestInfrastructure {

    private static TestInfrastructure shared;

    private final Path root;
    private final Path binaries;
    private final AtomicInteger databaseCounter = new AtomicInteger();
    private EmbeddedPostgres postgres;
    private EmbeddedKafka kafka;

    private TestInfrastructure(Path root, Path binaries) {
        this.root = root;
        this.binaries = binaries;
    }

    /**
     * One PostgreSQL and one Kafka per JVM, each started on its first use in a fresh temp directory with a free port,
     * both stopped by a shutdown hook. For tests.
     */
    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            shared = inTemporaryDirectory();
        }
        return shared;
    }

    public synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgres.start(root.resolve("postgres"), 0, binaries, false);
        }
        return postgres;
    }

    public synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(root.resolve("kafka"), 0);
        }
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
        EmbeddedPostgres server = postgres();
        try (Connection connection = server.superuserConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + server.username());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return server.jdbcUrl(name);
    }

    /** A new empty database on the shared server ({@link #newDatabase}) as a data source, for tests without Spring. */
    public DataSource newDataSource(String namePrefix) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(newDatabase(namePrefix));
        dataSource.setUser(postgres().username());
        dataSource.setPassword(postgres().password());
        return dataSource;
    }

    private static TestInfrastructure inTemporaryDirectory() {
        Path root;
        try {
            root = Files.createTempDirectory("hospital-test-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the test infrastructure", e);
        }
        // The binaries are unpacked once per machine rather than once per test JVM; zonky names the directory
        // after the archive's checksum and locks it while unpacking, so concurrent JVMs share it safely.
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "hospital-embedded-pg");
        TestInfrastructure infrastructure = new TestInfrastructure(root, binaries);
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "test-infrastructure-shutdown"));
        return infrastructure;
    }

    private synchronized void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        deleteRecursively(root);
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
