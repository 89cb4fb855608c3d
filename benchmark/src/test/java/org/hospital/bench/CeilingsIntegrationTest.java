package org.hospital.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ceilings, scaled down, against an embedded broker and database like the ones the system starts. */
@Tag("integration")
class CeilingsIntegrationTest {

    private static final TestInfrastructure INFRA = TestInfrastructure.shared();

    @TempDir
    Path directory;

    @Test
    void producesEveryRecordAndInsertsEveryRowThenLeavesNoScratchTopicOrTable() throws Exception {
        String jdbcUrl = INFRA.newDatabase("ceilings");
        Path output = directory.resolve("ceilings.json");
        CeilingsOptions options = CeilingsOptions.parse(new String[] {
                "--kafka=" + INFRA.kafka().bootstrapServers(), "--jdbc-url=" + jdbcUrl,
                "--jdbc-user=" + INFRA.postgres().username(), "--jdbc-password=" + INFRA.postgres().password(),
                "--kafka-records=3000", "--partitions=3", "--paced-rate=1000", "--paced-seconds=1",
                "--serial-records=50",
                "--pg-rows=1200", "--pg-batch=500", "--pg-single-rows=300", "--pg-connections=4",
                "--encounters=50", "--output=" + output});

        CeilingsReport report = Ceilings.run(options);
        report.writeJson(output);

        assertThat(report.kafka().partitions()).isEqualTo(3);
        assertThat(report.kafka().runs()).extracting(run -> run.result().records())
                .containsExactly(3_000L, 3_000L, 1_000L);
        assertThat(report.kafka().runs()).allSatisfy(run -> assertThat(run.result().recordsPerSecond()).isPositive());
        assertThat(report.kafka().serialRuns()).extracting(KafkaCeiling.SerialRun::records).containsExactly(50, 50);
        assertThat(report.kafka().serialRuns().get(0).ackLatency().count()).isEqualTo(50);
        assertThat(report.postgres().runs()).extracting(PostgresCeiling.Result::rowsInTable)
                .containsExactly(1_200L, 300L);
        assertThat(report.postgres().runs().get(1).commitLatency().count()).isEqualTo(300);
        assertThat(report.postgres().settings()).containsKeys("fsync", "synchronous_commit");
        assertThat(Files.readString(output)).contains("\"rows_per_s\"", "\"records_per_s\"");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                INFRA.kafka().bootstrapServers()))) {
            // a deleted topic may linger in the broker's metadata for a moment after the controller dropped it
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin.listTopics().names().get())
                    .noneMatch(name -> name.startsWith("ceiling-")));
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, INFRA.postgres().username(),
                INFRA.postgres().password());
             Statement statement = connection.createStatement();
             ResultSet table = statement.executeQuery("SELECT to_regclass('" + PostgresCeiling.TABLE + "')")) {
            table.next();
            assertThat(table.getString(1)).isNull();
        }
    }
}
