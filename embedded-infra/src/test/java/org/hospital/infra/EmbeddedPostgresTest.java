package org.hospital.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedPostgresTest {

    /**
     * Shared by the tests so that the binaries, unpacked next to the data directories, are unpacked once;
     * every test uses its own data directory inside it.
     */
    @TempDir
    static Path directory;

    @Test
    void keepsDataAcrossRestarts() throws SQLException {
        Path data = directory.resolve("restarted");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(data, 0);
             Connection connection = connect(postgres)) {
            createWard(connection);
        }

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(data, 0);
             Connection connection = connect(postgres)) {
            assertWardKept(connection);
        }
    }

    @Test
    void restartsOnTheSamePortWithItsDataAndNewConnectionsWorkAgain() throws SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(directory.resolve("restarted-in-place"), 0);
        try {
            String url = postgres.jdbcUrl();
            Connection before = connect(postgres);
            createWard(before);

            postgres = postgres.restart();

            assertThat(postgres.jdbcUrl()).isEqualTo(url);
            // A connection from before the restart is gone, as it would be for a pool; a new one to the same URL works.
            assertThatThrownBy(() -> before.createStatement().executeQuery("SELECT 1"))
                    .isInstanceOf(SQLException.class);
            before.close();
            try (Connection after = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
                assertWardKept(after);
            }
        } finally {
            postgres.close();
        }
    }

    @Test
    void aKilledServerRefusesConnectionsAndComesBackWithEveryCommittedRow() throws SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(directory.resolve("killed"), 0);
        try {
            Connection before = connect(postgres);
            createWard(before);

            postgres.kill();

            assertThatThrownBy(() -> before.createStatement().executeQuery("SELECT 1"))
                    .isInstanceOf(SQLException.class);
            String url = postgres.jdbcUrl();
            assertThatThrownBy(() -> DriverManager.getConnection(url, "hospital", "hospital"))
                    .isInstanceOf(SQLException.class);
            before.close();
            postgres = postgres.restart();
            try (Connection after = connect(postgres)) {
                assertWardKept(after);
            }
        } finally {
            postgres.close();
        }
    }

    @Test
    void servesTheHospitalDatabaseOnTheRequestedPortWithDurableSettings() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(directory.resolve("fixed-port"), port);
             Connection connection = connect(postgres)) {
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + port + "/hospital");
            assertThat(setting(connection, "fsync")).isEqualTo("on");
            assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(connection, "max_connections")).isEqualTo("200");
            assertThat(connection.getMetaData().getUserName()).isEqualTo("hospital");
            assertThat(setting(connection, "server_version_num")).as("the deployment's major version")
                    .startsWith(EmbeddedPostgres.MAJOR_VERSION);
        }
    }

    /** The benchmark's per-statement counts: the application's role resets and reads them. */
    @Test
    void withStatementStatisticsTheApplicationRoleResetsAndReadsThem() throws Exception {
        Path data = directory.resolve("statistics");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(data, 0, data.resolveSibling("pg-work"), true);
             Connection connection = connect(postgres);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
            statement.execute("CREATE TABLE counted (n int)");
            statement.execute("INSERT INTO counted VALUES (1), (2)");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT calls, rows FROM pg_stat_statements WHERE query LIKE 'INSERT INTO counted%'")) {
                assertThat(rows.next()).as("the insert was counted").isTrue();
                assertThat(rows.getLong(1)).isEqualTo(1);
                assertThat(rows.getLong(2)).isEqualTo(2);
            }
        }
    }

    @Test
    void refusesDataOfAnotherMajorVersionNamingTheDirectoryAndTheWayOut() throws Exception {
        Path data = Files.createDirectories(directory.resolve("older"));
        Files.writeString(data.resolve("PG_VERSION"), "14\n");
        assertThatThrownBy(() -> EmbeddedPostgres.start(data, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("written by PostgreSQL 14")
                .hasMessageContaining(data.toString())
                .hasMessageContaining("--fresh");
    }

    @Test
    void refusesAPortThatIsAlreadyTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(directory.resolve("port-taken"), taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void refusesADataDirectoryThatIsAlreadyInUse() {
        Path data = directory.resolve("in-use");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(data, 0)) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(data, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(directory.resolve("closed-twice"), 0);
        postgres.close();
        postgres.close();
    }

    private static void createWard(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ward (name text)");
            statement.execute("INSERT INTO ward VALUES ('Cardiology')");
        }
    }

    private static void assertWardKept(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM ward")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("Cardiology");
        }
    }

    private static Connection connect(EmbeddedPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
