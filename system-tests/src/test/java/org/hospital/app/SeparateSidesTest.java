package org.hospital.app;

import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The three sides as separate applications (each its own context, port, Axon configuration and Kafka consumers)
 * sharing only PostgreSQL and Kafka, as in the scaled deployment.
 */
@Tag("integration")
class SeparateSidesTest {

    private static RunningSystem commandSide;
    private static RunningSystem querySide;
    private static RunningSystem alertingSide;

    @BeforeAll
    static void start() {
        String database = TestInfrastructure.shared().newDatabase("sides");
        commandSide = RunningSystem.start("command", database, "demo");
        querySide = RunningSystem.start("query", database);
        alertingSide = RunningSystem.start("alerting", database);
    }

    @AfterAll
    static void stop() {
        alertingSide.close();
        querySide.close();
        commandSide.close();
    }

    @Test
    void sliceWorksAcrossSeparateSides() {
        Slice slice = new Slice(commandSide.api(), querySide.api());
        Slice.Admission admission = slice.admitPatient(1);
        slice.recordVitals(admission, 1, 140);

        slice.assertViewsShowAdmissionAndReading(admission, 1, 140);
        Slice.assertTachycardiaAlert(Slice.alertOfType(slice.awaitAlerts(admission, "TACHYCARDIA"), "TACHYCARDIA"));
    }
}
