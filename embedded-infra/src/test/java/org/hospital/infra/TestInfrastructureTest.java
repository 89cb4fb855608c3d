package org.hospital.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class TestInfrastructureTest {

    private final TestInfrastructure infrastructure = TestInfrastructure.shared();

    @Test
    void givesEachCallerAnIsolatedDatabase() throws SQLException {
        String first = infrastructure.newDatabase("Ward Projection-Test");
        String second = infrastructure.newDatabase("Ward Projection-Test");

        assertThat(first).isNotEqualTo(second);
        try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ward (name text)");
        }
        try (Connection connection = connect(second)) {
            assertThat(tableExists(connection, "ward")).isFalse();
        }
        try (Connection connection = connect(first)) {
            assertThat(tableExists(connection, "ward")).isTrue();
        }
    }

    @Test
    void sharesOneRunningPostgresAndKafkaPerJvm() throws Exception {
        assertThat(TestInfrastructure.shared()).isSameAs(infrastructure);

        try (Connection connection = connect(infrastructure.postgres().jdbcUrl())) {
            assertThat(connection.isValid(5)).isTrue();
        }
        KafkaRecords.send(infrastructure.kafka(), "shared-check", "key", "value");
        assertThat(KafkaRecords.readAll(infrastructure.kafka(), "shared-check")).containsExactly("value");
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        EmbeddedPostgres postgres = infrastructure.postgres();
        return DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
