package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
        // As deployed: health and metrics on a port of their own, which the proxy does not expose.
        alertingSide = RunningSystem.start("alerting", database, Map.of("management.server.port", "0"));
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

    @Test
    void healthAndMetricsAreServedOnTheManagementPortAndNowhereElse() {
        RawHttp management = new RawHttp(alertingSide.managementPort());
        RawHttp application = new RawHttp(alertingSide.port());
        assertThat(get(management, "/actuator/health/readiness").body()).contains("\"UP\"");
        assertThat(get(management, "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(get(management, "/actuator/prometheus").body()).contains("hospital_dead_letters");
        assertThat(get(management, "/actuator/env").status()).as("not exposed").isIn(401, 404);
        assertThat(get(application, "/actuator/prometheus").status()).isEqualTo(404);
        assertThat(get(application, "/actuator/health/readiness").status()).isEqualTo(404);
    }

    /**
     * The saga's parked events are administered by the alerting side in its own process, with a token the command
     * side signed; the query side no longer serves them.
     */
    @Test
    void theAlertingSideAloneAdministersTheSagasParkedEvents() {
        String admin = commandSide.api().login("admin", "password");
        HttpApi.Response listed = alertingSide.api().get("/admin/alerting/dead-letters", admin);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data().get("total_events").asLong()).isZero();
        HttpApi.Response retried = alertingSide.api().post("/admin/alerting/dead-letters/retry", admin, "");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.data().get("sequences_requested").asInt()).isZero();
        HttpApi.Response anonymous = alertingSide.api().get("/admin/alerting/dead-letters", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(querySide.api().get("/admin/alerting/dead-letters", admin).status()).isEqualTo(404);
    }

    private static RawHttp.Answer get(RawHttp http, String path) {
        return http.send(RawHttp.Call.of(path, "GET", path));
    }
}
