package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.hospital.events.Topics;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** All three sides in one JVM with real PostgreSQL and Kafka, as the one-command run starts them. */
@Tag("integration")
class WholeSystemTest {

    private static RunningSystem system;
    private static HttpApi api;

    @BeforeAll
    static void start() {
        system = RunningSystem.start("all", TestInfrastructure.shared().newDatabase("whole"), "demo");
        api = system.api();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void theApiDescriptionHasEveryRouteTheAuthenticationItNeedsAndTheErrorEnvelope() {
        HttpApi.Response answer = api.get("/v3/api-docs", null);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode description = answer.body();
        Set<String> described = new TreeSet<>();
        description.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> described.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(described).as("routes described").isEqualTo(system.routes());

        JsonNode schemes = description.path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("deviceKey").path("name").asString()).isEqualTo("X-Device-Key");
        JsonNode envelope = description.path("components").path("schemas").path("ErrorEnvelope");
        assertThat(envelope.path("properties").path("code").path("enum").valueStream().map(JsonNode::asString))
                .contains("VALIDATION_FAILED", "UNAUTHENTICATED", "RATE_LIMITED", "SERVICE_UNAVAILABLE");

        JsonNode login = description.path("paths").path("/auth/login").path("post");
        assertThat(login.path("security").isArray() && login.path("security").isEmpty()).as("sign-in is public").isTrue();
        JsonNode vitals = description.path("paths").path("/vitals").path("post");
        assertThat(vitals.path("security").toString()).contains("bearer").contains("deviceKey");
        assertThat(vitals.path("requestBody").path("content").path("application/json").path("schema").toString())
                .as("the reading's schema").contains("VitalsRequest");
        JsonNode reading = description.path("components").path("schemas").path("VitalsRequest");
        assertThat(reading.path("example").toString()).as("an example reading").contains("hr_bpm");
        assertThat(reading.path("properties").path("hr_bpm").path("maximum").asInt()).isEqualTo(300);
        JsonNode overview = description.path("paths").path("/encounters/{encounter_id}/overview").path("get");
        assertThat(overview.path("security").toString()).contains("bearer").doesNotContain("deviceKey");
        assertThat(overview.path("responses").path("default").path("content").toString()).contains("ErrorEnvelope");
        assertThat(overview.path("parameters").toString()).as("read-your-writes, optional")
                .contains("\"min_position\"").contains("X-Min-Position").doesNotContain("minPosition")
                .doesNotContain("\"required\":true,\"schema\":{\"$ref");
    }

    /**
     * What the description says about authentication is what the application does: asked without a token, the routes
     * it marks as needing one answer 401, and the others do not.
     */
    @Test
    void theRoutesTheApiDescriptionMarksPublicAreTheOnesThatAnswerWithoutAToken() throws Exception {
        JsonNode paths = api.get("/v3/api-docs", null).body().path("paths");
        List<String> wrong = new ArrayList<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (var path : paths.properties()) {
                for (var operation : path.getValue().properties()) {
                    String method = operation.getKey().toUpperCase(Locale.ROOT);
                    String uri = "http://localhost:" + system.port() + path.getKey().replaceAll("\\{[^}]+}", "1");
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json");
                    request = method.equals("GET") || method.equals("DELETE")
                            ? request.method(method, HttpRequest.BodyPublishers.noBody())
                            : request.method(method, HttpRequest.BodyPublishers.ofString("{}"));
                    int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    boolean needsToken = !operation.getValue().path("security").isEmpty();
                    if (needsToken != (status == 401)) {
                        wrong.add(method + " " + path.getKey() + ": described " + (needsToken ? "secured" : "public")
                                + ", answered " + status);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The FHIR interface (docs/fhir.md), left out of the API description: its CapabilityStatement is public, its
     * resources need a token, and its refusals are OperationOutcomes, not the envelope.
     */
    @Test
    void theFhirInterfaceDescribesItselfAndAnswersWithoutATokenOnlyWithItsDescription() {
        HttpApi.Response metadata = api.get("/fhir/r4/metadata", null);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.body().path("resourceType").asString()).isEqualTo("CapabilityStatement");
        HttpApi.Response encounter = api.get("/fhir/r4/Encounter/1", null);
        assertThat(encounter.status()).isEqualTo(401);
        assertThat(encounter.body().path("resourceType").asString()).isEqualTo("OperationOutcome");
    }

    @Test
    void highHeartRateTravelsFromReadingToViewsAndAlertTopic() {
        Slice slice = new Slice(api, api);
        Slice.Admission admission = slice.admitPatient(1);
        long readingId = slice.recordVitals(admission, 1, 140);

        slice.assertViewsShowAdmissionAndReading(admission, 1, 140);
        // A pulse of 140 also scores 3 in NEWS2 (RCP 2017: >= 131), a red score of its own.
        JsonNode alerts = slice.awaitAlerts(admission, "TACHYCARDIA", "NEWS2_RED_SCORE");
        JsonNode tachycardia = Slice.alertOfType(alerts, "TACHYCARDIA");
        Slice.assertTachycardiaAlert(tachycardia);

        try (TopicReader alertTopic = new TopicReader(RunningSystem.bootstrapServers(), Topics.ALERTS);
             TopicReader vitalsTopic = new TopicReader(RunningSystem.bootstrapServers(), Topics.VITALS_STREAM)) {
            TopicReader.Message alert = Slice.awaitMessages(alertTopic, admission.encounterId(), 2).stream()
                    .filter(m -> m.value().get("type").asString().equals("TACHYCARDIA")).findFirst().orElseThrow();
            assertThat(alert.key()).isEqualTo(String.valueOf(admission.encounterId()));
            Slice.assertTachycardiaAlert(alert.value());
            assertThat(alert.value().get("patient_id").asLong()).isEqualTo(1);
            assertThat(alert.value().get("alert_id").asLong()).isEqualTo(tachycardia.get("id").asLong());
            assertThat(alert.value().get("timestamp").asString()).endsWith("Z");

            TopicReader.Message reading = Slice.awaitMessages(vitalsTopic, admission.encounterId(), 1).get(0);
            assertThat(reading.value().get("id").asLong()).isEqualTo(readingId);
            assertThat(reading.value().get("hr_bpm").asInt()).isEqualTo(140);
            assertThat(reading.value().get("received_at").asString()).endsWith("Z");
        }
    }

    @Test
    void rejectsRequestsWithoutTokenInTheErrorEnvelope() {
        HttpApi.Response response = api.get("/encounters/1/overview", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("status").asString()).isEqualTo("error");
        assertThat(response.body().get("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.body().get("request_id").asString()).isNotBlank();
    }

    @Test
    void rejectsWrongPasswordWithTheSameAnswerAsUnknownUser() {
        HttpApi.Response wrongPassword = api.post("/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"nope\"}");
        HttpApi.Response unknownUser = api.post("/auth/login", null,
                "{\"username\":\"nobody\",\"password\":\"nope\"}");
        assertThat(List.of(wrongPassword.status(), unknownUser.status())).containsOnly(401);
        assertThat(wrongPassword.body().get("error")).isEqualTo(unknownUser.body().get("error"));
    }

    @Test
    void answersLivenessAndReadiness() {
        assertThat(api.get("/health", null).body().get("status").asString()).isEqualTo("ok");
        HttpApi.Response readiness = api.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void answersMalformedJsonWithTheErrorEnvelope() {
        String token = api.login("dr_house", "password");
        HttpApi.Response response = api.post("/encounters", token, "{\"patient_id\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("code").asString()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void answersUnknownRoutesWith404AndWrongMethodsWith405WhetherSignedInOrNot() {
        String token = api.login("admin", "password");
        for (String caller : new String[] {null, token}) {
            HttpApi.Response unknown = api.get("/no/such/route", caller);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body().get("code").asString()).isEqualTo("NOT_FOUND");
            HttpApi.Response wrongMethod = api.get("/encounters", caller);
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.body().get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
        }
    }

    /**
     * Both sides that park poison events report them in one process, and each lists its own: the query side the
     * projections', the alerting side the saga's.
     */
    @Test
    void reportsAndListsParkedEventsOfTheProjectionsAndTheAlertingSaga() throws Exception {
        String admin = api.login("admin", "password");
        HttpApi.Response projections = api.get("/admin/dead-letters", admin);
        assertThat(projections.status()).isEqualTo(200);
        assertThat(projections.data().get("dead_letters").isArray()).isTrue();
        HttpApi.Response alerting = api.get("/admin/alerting/dead-letters", admin);
        assertThat(alerting.status()).isEqualTo(200);
        assertThat(alerting.data().get("total_events").asLong()).isZero();
        assertThat(alerting.data().get("dead_letters").isArray()).isTrue();
        HttpApi.Response retry = api.post("/admin/alerting/dead-letters/retry", admin, "");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.data().get("sequences_requested").asInt()).isZero();
        assertThat(api.get("/admin/dead-letters?processing_group=alerting", admin).status()).isEqualTo(404);

        try (HttpClient client = HttpClient.newHttpClient()) {
            String metrics = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + system.port() + "/actuator/prometheus")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<String> lines = metrics.lines().filter(line -> line.startsWith("hospital_dead_letters")).toList();
            for (String meter : List.of("hospital_dead_letters{", "hospital_dead_letters_sequences{",
                    "hospital_dead_letters_parked_total{")) {
                for (String group : List.of("projections", "alerting")) {
                    assertThat(lines).as(meter + group).anyMatch(line -> line.startsWith(meter)
                            && line.contains("processing_group=\"" + group + "\""));
                }
            }
        }
    }

    @Test
    void forbidsRolesOutsideTheContractTable() {
        String patient = api.login("patient_1", "password");
        HttpApi.Response response = api.post("/encounters", patient, "{\"patient_id\":2,\"doctor_id\":1}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().get("code").asString()).isEqualTo("FORBIDDEN");
    }
}
