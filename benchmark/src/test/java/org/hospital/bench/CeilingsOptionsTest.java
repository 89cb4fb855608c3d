package org.hospital.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CeilingsOptionsTest {

    @Test
    void measuresBothSidesWithTheIssuesFiguresByDefault() {
        CeilingsOptions options = CeilingsOptions.parse(new String[0]);

        assertThat(options.measureKafka()).isTrue();
        assertThat(options.measurePostgres()).isTrue();
        assertThat(options.kafkaRecords()).isEqualTo(500_000);
        assertThat(options.recordSize()).isZero();
        assertThat(options.lingerMs()).isEqualTo(5);
        assertThat(options.batchedRows()).isEqualTo(200_000);
        assertThat(options.batchSize()).isEqualTo(500);
        assertThat(options.connections()).isEqualTo(16);
    }

    @Test
    void measuresOnlyTheSideAskedFor() {
        CeilingsOptions options = CeilingsOptions.parse(new String[] {"--only=postgres", "--system-pids=7,9"});

        assertThat(options.measureKafka()).isFalse();
        assertThat(options.measurePostgres()).isTrue();
        assertThat(options.systemPids()).containsExactly(7L, 9L);
    }

    @Test
    void rejectsAnUnknownOptionAndAZeroCount() {
        assertThatThrownBy(() -> CeilingsOptions.parse(new String[] {"--rate=5"}))
                .hasMessageContaining("Unknown option(s) [rate]");
        assertThatThrownBy(() -> CeilingsOptions.parse(new String[] {"--pg-batch=0"}))
                .hasMessageContaining("counts must be positive");
    }

    @Test
    void asksTheDriverToRewriteBatchesOnce() {
        assertThat(PostgresCeiling.withBatchRewrite("jdbc:postgresql://h:1/db"))
                .isEqualTo("jdbc:postgresql://h:1/db?reWriteBatchedInserts=true");
        assertThat(PostgresCeiling.withBatchRewrite("jdbc:postgresql://h:1/db?ssl=false"))
                .isEqualTo("jdbc:postgresql://h:1/db?ssl=false&reWriteBatchedInserts=true");
        assertThat(PostgresCeiling.withBatchRewrite("jdbc:postgresql://h:1/db?reWriteBatchedInserts=false"))
                .isEqualTo("jdbc:postgresql://h:1/db?reWriteBatchedInserts=false");
    }
}
