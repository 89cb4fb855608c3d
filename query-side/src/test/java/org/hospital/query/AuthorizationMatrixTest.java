package org.hospital.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.doctorRegistered;
import static org.hospital.query.HospitalEvents.observation;
import static org.hospital.query.HospitalEvents.patientRegistered;
import static org.hospital.query.HospitalEvents.reading;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hospital.events.News2Breakdown;
import org.hospital.events.News2Scored;
import org.hospital.events.PatientAdmitted;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md, Roles for every query-side endpoint, over real HTTP: each role, and a same-role caller who does not own
 * the object (another doctor, a nurse of another ward, another patient). 404 where existence is private, 403 where the
 * role may never call the endpoint, 401 without a user token (devices have no token the query side accepts).
 */
class AuthorizationMatrixTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");
    private static final long PATIENT = TestIds.next();
    private static final long DOCTOR = TestIds.next();
    private static final String WARD = "ward-" + TestIds.next();
    private static final PatientAdmitted ENCOUNTER = admitted(TestIds.next(), PATIENT, DOCTOR, WARD, T0);
    private static final long READING = TestIds.next();
    private static final long ALERT = TestIds.next();
    /** A FHIR search answered 200 with an empty searchset: the caller may search, and sees nothing. */
    private static final int EMPTY = 2000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static boolean projected;

    /** A caller: how to authenticate (null for nobody) from the test's token factory. */
    record Caller(String name, Function<Tokens, String> authorization, String deviceKey) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Caller ADMIN = new Caller("admin", Tokens::admin, null);
    private static final Caller ATTENDING = new Caller("attending doctor",
            t -> t.doctor(TestIds.next(), DOCTOR), null);
    private static final Caller OTHER_DOCTOR = new Caller("another doctor",
            t -> t.doctor(TestIds.next(), TestIds.next()), null);
    private static final Caller NURSE = new Caller("nurse of the ward", t -> t.nurse(TestIds.next(), WARD), null);
    private static final Caller OTHER_NURSE = new Caller("nurse of another ward",
            t -> t.nurse(TestIds.next(), "General"), null);
    private static final Caller PATIENT_SELF = new Caller("the patient", t -> t.patient(PATIENT), null);
    private static final Caller OTHER_PATIENT = new Caller("another patient", t -> t.patient(TestIds.next()), null);
    private static final Caller DEVICE = new Caller("device key", t -> "Bearer dev_0123456789abcdef", "dev_0123456789");
    private static final Caller AUDITOR = new Caller("auditor", Tokens::auditor, null);
    private static final Caller ANONYMOUS = new Caller("anonymous", t -> null, null);

    private static final List<Caller> CALLERS = List.of(ADMIN, ATTENDING, OTHER_DOCTOR, NURSE, OTHER_NURSE,
            PATIENT_SELF, OTHER_PATIENT, DEVICE, AUDITOR, ANONYMOUS);

    @BeforeEach
    void encounterWithDataInEveryView() {
        if (!projected) {
            projections.apply(patientRegistered(PATIENT, "Asha Rao", LocalDate.of(1970, 3, 1)),
                    doctorRegistered(DOCTOR), ENCOUNTER, reading(READING, ENCOUNTER, T0.plusSeconds(60), 142),
                    observation(TestIds.next(), ENCOUNTER, "Stable.", T0.plusSeconds(90)),
                    // One reading in the last hour, so that the 24-hour trend has something to answer with.
                    reading(TestIds.next(), ENCOUNTER, Instant.now().minusSeconds(60), 142),
                    alertRaised(ALERT, ENCOUNTER, T0.plusSeconds(60)),
                    new News2Scored(ENCOUNTER.encounterId(), PATIENT, READING, 5, "medium",
                            new News2Breakdown(0, 0, 0, 0, 3, 0, 0, 1), T0.plusSeconds(61), 60));
            projected = true;
        }
    }

    static Stream<Arguments> everyEndpointWithEveryCaller() {
        List<Arguments> cases = new ArrayList<>();
        // statuses in CALLERS order: admin, attending, other doctor, nurse, other nurse, patient, other patient,
        // device, auditor, anonymous
        add(cases, "/doctors/" + DOCTOR + "/patients", 200, 200, 403, 403, 403, 403, 403, 401, 403, 401);
        for (String encounterView : List.of("overview", "alerts", "observations", "trend")) {
            add(cases, "/encounters/" + ENCOUNTER.encounterId() + "/" + encounterView,
                    200, 200, 404, 200, 404, 403, 403, 401, 403, 401);
        }
        for (String patientView : List.of("encounter", "vitals/recent")) {
            add(cases, "/patients/" + PATIENT + "/" + patientView, 200, 200, 404, 200, 404, 200, 404, 401, 403, 401);
        }
        add(cases, "/alerts/stream", 200, 200, 200, 200, 200, 403, 403, 401, 403, 401);
        // The ward board: a doctor always gets his own patients (another doctor's board holds none of these), a nurse
        // of another ward is refused the ward by name (wards are not private).
        add(cases, "/board?ward=" + WARD, 200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
        // The parked events name encounters and causes, not patients: auditors may read them, as the history.
        add(cases, "/admin/dead-letters", 200, 403, 403, 403, 403, 403, 403, 401, 200, 401);
        return cases.stream();
    }

    /**
     * The FHIR routes (docs/fhir.md): the REST API's rules, with a patient's own encounters and vital signs readable
     * to the patient, NEWS2 and alerts to clinicians only; the CapabilityStatement public.
     */
    static Stream<Arguments> everyFhirRouteWithEveryCaller() {
        List<Arguments> cases = new ArrayList<>();
        long encounter = ENCOUNTER.encounterId();
        add(cases, "/fhir/r4/metadata", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        add(cases, "/fhir/r4/Patient/" + PATIENT, 200, 200, 404, 200, 404, 200, 404, 401, 403, 401);
        add(cases, "/fhir/r4/Encounter?patient=" + PATIENT, 200, 200, EMPTY, 200, EMPTY, 200, EMPTY, 401, 403, 401);
        for (String path : List.of("/fhir/r4/Encounter/" + encounter, "/fhir/r4/Encounter/" + encounter
                + "/$everything", "/fhir/r4/Observation?encounter=" + encounter,
                "/fhir/r4/Observation/hr-" + READING)) {
            add(cases, path, 200, 200, 404, 200, 404, 200, 404, 401, 403, 401);
        }
        add(cases, "/fhir/r4/Observation/news2-" + READING, 200, 200, 404, 200, 404, 404, 404, 401, 403, 401);
        for (String path : List.of("/fhir/r4/Flag/" + ALERT, "/fhir/r4/Flag?encounter=" + encounter)) {
            add(cases, path, 200, 200, 404, 200, 404, 403, 403, 401, 403, 401);
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "GET {0} as {1}: {2}")
    @MethodSource("everyFhirRouteWithEveryCaller")
    void answersEveryFhirCallerAsTheRulesSay(String path, Caller caller, int expected) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + path.replace("$", "%24"))).GET(), caller);

        int status = expected == EMPTY ? 200 : expected;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        String type = JsonPath.read(response.body(), "$.resourceType");
        if (status != 200) {
            assertThat(type).isEqualTo("OperationOutcome");
            assertThat(response.body()).doesNotContain("Asha Rao");
        } else if (type.equals("Bundle")) {
            int total = JsonPath.read(response.body(), "$.total");
            if (expected == EMPTY) {
                assertThat(total).as(path + " as " + caller).isZero();
            } else {
                assertThat(total).as(path + " as " + caller).isPositive();
            }
        } else {
            assertThat(type).isIn("CapabilityStatement", "Patient", "Encounter", "Observation", "Flag");
        }
    }

    static Stream<Arguments> everyAdminActionWithEveryCaller() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, "/admin/dead-letters/retry", 200, 403, 403, 403, 403, 403, 403, 401, 403, 401);
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String path, int... statuses) {
        for (int i = 0; i < CALLERS.size(); i++) {
            cases.add(Arguments.of(path, CALLERS.get(i), statuses[i]));
        }
    }

    @ParameterizedTest(name = "GET {0} as {1}: {2}")
    @MethodSource("everyEndpointWithEveryCaller")
    void answersEveryCallerAsTheContractSays(String path, Caller caller, int expected) throws Exception {
        if (path.equals("/alerts/stream")) {
            try (SseClient stream = SseClient.open(port, caller.authorization().apply(tokens), null)) {
                assertThat(stream.status()).isEqualTo(expected);
            }
            return;
        }
        assertAnswer(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET(), caller, expected);
    }

    @ParameterizedTest(name = "POST {0} as {1}: {2}")
    @MethodSource("everyAdminActionWithEveryCaller")
    void answersEveryCallerOfAnAdminActionAsTheContractSays(String path, Caller caller, int expected)
            throws Exception {
        assertAnswer(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()), caller, expected);
    }

    /** The request as the caller sends it: with its token, or its device key. */
    private HttpResponse<String> send(HttpRequest.Builder request, Caller caller) throws Exception {
        String authorization = caller.authorization().apply(tokens);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (caller.deviceKey() != null) {
            request.header("X-Device-Key", caller.deviceKey());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertAnswer(HttpRequest.Builder request, Caller caller, int expected) throws Exception {
        HttpResponse<String> response = send(request, caller);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        if (expected != 200) {
            assertThat(response.body()).contains("\"status\":\"error\"").doesNotContain("Asha Rao");
        } else {
            // An allowed call answers with the encounter's data, not merely 200 (an empty or wrong answer fails).
            assertThat(JsonPath.<String>read(response.body(), "$.status")).isEqualTo("success");
            String path = request.build().uri().getPath();
            if (path.equals("/board") && caller == OTHER_DOCTOR) {
                assertThat(response.body()).as("another doctor's board").doesNotContain("Asha Rao");
                return;
            }
            String expectedContent = EXPECTED_CONTENT.entrySet().stream()
                    .filter(entry -> path.endsWith(entry.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError("no expected content for " + path));
            assertThat(JsonPath.<Object>read(response.body(), expectedContent.split(" = ")[0]).toString())
                    .as(path + " as " + caller).isEqualTo(expectedContent.split(" = ")[1]);
        }
    }

    /** For each path ending: a JSON path into an allowed answer and the value it must have. */
    private static final Map<String, String> EXPECTED_CONTENT = Map.of(
            "/patients", "$.data.encounters[0].patient.name = Asha Rao",
            "/overview", "$.data.latest_vitals.hr_bpm = 142",
            "/alerts", "$.data[0].type = TACHYCARDIA",
            "/observations", "$.data.observations[0].note = Stable.",
            "/encounter", "$.data.encounter.id = " + ENCOUNTER.encounterId(),
            "/vitals/recent", "$.data.vitals[0].hr_bpm = 142",
            "/trend", "$.data.readings[0].hr_bpm = 142",
            "/board", "$.data.tiles[0].patient.name = Asha Rao",
            "/admin/dead-letters", "$.data.truncated = false",
            "/admin/dead-letters/retry", "$.data.sequences_failed = 0");
}
