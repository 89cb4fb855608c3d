package org.hospital.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system as seven separate processes (Kafka, two instances of each side; PostgreSQL from this JVM) under steady
 * load, while the active instance of each side, the broker and PostgreSQL are killed with SIGKILL in turn, each at a
 * random moment, and started again.
 * Needs the system's jar from the hospital-app module, which the reactor builds before this one.
 */
@Tag("integration")
class CrashAndScaleOutTest {


    /** Kept when the test fails: the processes' logs are in logs/. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    @Test
    void killingAnyProcessOrTheDatabaseUnderLoadLosesDuplicatesAndReordersNothingAndEveryProcessComesBack() throws Exception {
        Path appJar = AppJar.oneCommand();
        ChaosOptions options = ChaosOptions.parse(new String[] {
                "--app-jar=" + appJar,
                "--work-dir=" + workDir,
                "--rate=20",
                "--encounters=8",
                "--baseline=6",
                "--down=6",
                "--kafka-down=10",
                "--postgres-down=10",
                "--jitter=3",
                "--race-rounds=10",
                "--drain=120",
                "--output=" + workDir.resolve("chaos.json")});

        ChaosScenario.Result result = ChaosScenario.run(options);
        ChaosReport report = new ChaosReport(result);
        System.out.print(report.table());
        report.writeJson(options.output());

        assertThat(result.checks()).hasSize(8);
        assertThat(result.checks()).allSatisfy(check ->
                assertThat(check.passed()).as(check.name() + ": " + check.detail()).isTrue());
        assertThat(result.restarts()).extracting(ChaosScenario.Restart::process)
                .satisfiesExactly(
                        name -> assertThat(name).matches("command-[12]"),
                        name -> assertThat(name).matches("query-[12]"),
                        name -> assertThat(name).matches("alerting-[12]"),
                        name -> assertThat(name).isEqualTo("kafka"),
                        name -> assertThat(name).isEqualTo("postgres"));
    }
}
