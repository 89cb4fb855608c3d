package org.hospital.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.acknowledged;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.doctorRegistered;
import static org.hospital.query.HospitalEvents.patientRegistered;
import static org.hospital.query.HospitalEvents.reading;
import static org.hospital.query.HospitalEvents.resolved;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.fhir.ucum.UcumEssenceService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hospital.events.AlertRaised;
import org.hospital.events.News2Breakdown;
import org.hospital.events.News2Scored;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.VitalsRecorded;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The FHIR interface over real PostgreSQL (docs/fhir.md): every resource type it returns passes the R4 and
 * vital-signs checks of {@link FhirConformance}, codes and units follow the table below, searches page and sort, flags
 * follow the alert's lifecycle, errors are OperationOutcomes, and reads are in the access log.
 */
class FhirInterfaceTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** LOINC code, UCUM code and unit of each vital sign (FHIR R4 vital-signs profile, table of codes). */
    private static final Map<String, List<String>> VITAL_SIGNS = Map.of(
            "hr", List.of("8867-4", "/min"),
            "spo2", List.of("2708-6", "%"),
            "temp", List.of("8310-5", "Cel"),
            "rr", List.of("9279-1", "/min"),
            "bp", List.of("85354-9", "mm[Hg]"));

    @Autowired
    JdbcClient jdbc;

    private PatientAdmitted admission;
    private VitalsRecorded deviceReading;
    private VitalsRecorded nurseReading;
    private AlertRaised alert;

    @BeforeEach
    void encounterWithReadingsScoreAndAlert() {
        admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ward-" + TestIds.next(), T0);
        deviceReading = reading(TestIds.next(), admission, T0.plusSeconds(60), 112);
        VitalsRecorded base = reading(TestIds.next(), admission, T0.plusSeconds(120), 95);
        nurseReading = new VitalsRecorded(base.readingId(), base.encounterId(), base.patientId(), base.timestamp(),
                95, 94, 38.4, 101, null, 22, true, "A", List.of(), base.receivedAt(), "user:5");
        alert = alertRaised(TestIds.next(), admission, T0.plusSeconds(60));
        projections.apply(patientRegistered(admission.patientId(), "Asha Rao", LocalDate.of(1970, 3, 1)),
                doctorRegistered(admission.doctorId()), admission, deviceReading, nurseReading, alert,
                new News2Scored(admission.encounterId(), admission.patientId(), nurseReading.readingId(), 6, "medium",
                        new News2Breakdown(2, 1, 2, 1, 0, 0, 1, 1), T0.plusSeconds(121), 60));
    }

    @Test
    void servesEveryResourceTypeConformingToR4AndTheVitalSignsProfile() throws Exception {
        long e = admission.encounterId();
        // Each read with the resource it must answer; the last one, an unknown reading, the OperationOutcome of a 404.
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/fhir/r4/metadata", "CapabilityStatement");
        expected.put("/fhir/r4/Patient/" + admission.patientId(), "Patient");
        expected.put("/fhir/r4/Encounter/" + e, "Encounter");
        expected.put("/fhir/r4/Encounter?patient=" + admission.patientId(), "Bundle");
        expected.put("/fhir/r4/Encounter/" + e + "/$everything", "Bundle");
        expected.put("/fhir/r4/Observation?encounter=" + e, "Bundle");
        expected.put("/fhir/r4/Observation?encounter=Encounter/" + e + "&category=vital-signs&_count=3", "Bundle");
        expected.put("/fhir/r4/Observation/news2-" + nurseReading.readingId(), "Observation");
        expected.put("/fhir/r4/Flag/" + alert.alertId(), "Flag");
        expected.put("/fhir/r4/Flag?encounter=" + e, "Bundle");
        for (String kind : VITAL_SIGNS.keySet()) {
            expected.put("/fhir/r4/Observation/" + kind + "-" + deviceReading.readingId(), "Observation");
            expected.put("/fhir/r4/Observation/" + kind + "-" + nurseReading.readingId(), "Observation");
        }
        String unknown = "/fhir/r4/Observation/hr-999999999";
        expected.put(unknown, "OperationOutcome");
        for (var read : expected.entrySet()) {
            String path = read.getKey();
            MockHttpServletResponse response = read(path, tokens.doctor(admission.doctorId()));
            assertThat(response.getStatus()).as(path).isEqualTo(path.equals(unknown) ? 404 : 200);
            assertThat(response.getContentType()).as(path).startsWith("application/fhir+json");
            assertThat(JsonPath.<String>read(response.getContentAsString(), "$.resourceType")).as(path)
                    .isEqualTo(read.getValue());
            if (read.getValue().equals("Bundle")) {
                assertThat(JsonPath.<Integer>read(response.getContentAsString(), "$.total")).as(path).isPositive();
            }
            FhirConformance.Report report = FhirConformance.instance().check(response.getContentAsString());
            assertThat(report.errors()).as(path + "\n" + response.getContentAsString()).isEmpty();
            assertThat(report.skippedInvariants()).as(path).isEmpty();
        }
    }

    @Test
    void codesVitalSignsInLoincWithUcumUnitsAsTheTableSays() throws Exception {
        UcumEssenceService ucum = new UcumEssenceService(
                UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml"));
        for (var sign : VITAL_SIGNS.entrySet()) {
            Observation observation = resource(read("/fhir/r4/Observation/" + sign.getKey() + "-"
                    + deviceReading.readingId(), tokens.admin()), Observation.class);
            assertThat(observation.getCode().getCoding()).extracting(Coding::getSystem, Coding::getCode)
                    .contains(org.assertj.core.groups.Tuple.tuple("http://loinc.org", sign.getValue().get(0)));
            List<Quantity> quantities = new ArrayList<>();
            if (observation.hasValueQuantity()) {
                quantities.add(observation.getValueQuantity());
            }
            observation.getComponent().forEach(c -> quantities.add(c.getValueQuantity()));
            assertThat(quantities).isNotEmpty().allSatisfy(q -> {
                assertThat(q.getSystem()).isEqualTo("http://unitsofmeasure.org");
                assertThat(q.getCode()).isEqualTo(sign.getValue().get(1));
                assertThat(ucum.validate(q.getCode())).as("UCUM says of " + q.getCode()).isNull();
            });
        }
        Observation spo2 = resource(read("/fhir/r4/Observation/spo2-" + deviceReading.readingId(), tokens.admin()),
                Observation.class);
        assertThat(spo2.getCode().getCoding()).extracting(Coding::getCode).containsExactly("2708-6", "59408-5");
        Observation bp = resource(read("/fhir/r4/Observation/bp-" + deviceReading.readingId(), tokens.admin()),
                Observation.class);
        assertThat(bp.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode())
                .containsExactly("8480-6", "8462-4");
        assertThat(bp.getComponent()).extracting(c -> c.getValueQuantity().getValue().intValue())
                .containsExactly(120, 80);
    }

    @Test
    void namesTheDeviceOrTheClinicianWhoRecordedAReading() throws Exception {
        Observation byDevice = resource(read("/fhir/r4/Observation/hr-" + deviceReading.readingId(),
                tokens.admin()), Observation.class);
        assertThat(byDevice.getDevice().getIdentifier().getValue()).isEqualTo("1");
        assertThat(byDevice.getPerformer()).isEmpty();
        Observation byNurse = resource(read("/fhir/r4/Observation/hr-" + nurseReading.readingId(),
                tokens.admin()), Observation.class);
        assertThat(byNurse.getPerformerFirstRep().getIdentifier().getValue()).isEqualTo("5");
        assertThat(byNurse.hasDevice()).isFalse();
    }

    @Test
    void describesTheEncounterAsAnInpatientStayInItsRoomWithItsAttendingDoctor() throws Exception {
        Encounter encounter = resource(read("/fhir/r4/Encounter/" + admission.encounterId(), tokens.admin()),
                Encounter.class);
        assertThat(encounter.getClass_().getCode()).isEqualTo("IMP");
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(encounter.getPeriod().getStart().toInstant()).isEqualTo(T0);
        assertThat(encounter.getLocationFirstRep().getLocation().getDisplay()).contains("101A");
        assertThat(encounter.getParticipantFirstRep().getIndividual().getDisplay()).isEqualTo("Dr. Gregory House");
        assertThat(encounter.getSubject().getReference()).isEqualTo("Patient/" + admission.patientId());
    }

    @Test
    void scoresNews2AsASurveyObservationDerivedFromTheReading() throws Exception {
        Observation news2 = resource(read("/fhir/r4/Observation/news2-" + nurseReading.readingId(),
                tokens.admin()), Observation.class);
        assertThat(news2.getValueIntegerType().getValue()).isEqualTo(6);
        assertThat(news2.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
        assertThat(news2.getDerivedFrom()).extracting(r -> r.getReference())
                .contains("Observation/hr-" + nurseReading.readingId(), "Observation/bp-" + nurseReading.readingId());
    }

    @Test
    void pagesASearchWithWorkingNextAndPreviousLinks() throws Exception {
        for (int i = 0; i < 6; i++) {
            projections.apply(reading(TestIds.next(), admission, T0.plusSeconds(600 + i * 60L), 80 + i));
        }
        // 8 readings x 5 vital signs, and the NEWS2 score.
        String next = "/fhir/r4/Observation?encounter=" + admission.encounterId() + "&_count=7";
        List<String> ids = new ArrayList<>();
        int pages = 0;
        Bundle page = null;
        while (next != null) {
            page = resource(read(next, tokens.doctor(admission.doctorId())), Bundle.class);
            assertThat(page.getTotal()).isEqualTo(41);
            page.getEntry().forEach(entry -> ids.add(entry.getResource().getIdElement().getIdPart()));
            if (pages > 0) {
                assertThat(page.getLink("previous")).isNotNull();
            }
            next = page.getLink("next") == null ? null : page.getLink("next").getUrl().replace("http://localhost", "");
            pages++;
        }
        assertThat(pages).isEqualTo(6);
        assertThat(ids).hasSize(41).doesNotHaveDuplicates();
        String previous = page.getLink("previous").getUrl().replace("http://localhost", "");
        assertThat(resource(read(previous, tokens.admin()), Bundle.class).getEntry()).hasSize(7);
        // A page past the end is empty and still says how many there are.
        Bundle pastTheEnd = resource(read("/fhir/r4/Observation?encounter=" + admission.encounterId()
                + "&_count=7&_offset=100", tokens.admin()), Bundle.class);
        assertThat(pastTheEnd.getEntry()).isEmpty();
        assertThat(pastTheEnd.getTotal()).isEqualTo(41);
    }

    @Test
    void sortsNewestFirstByDefaultAndOldestFirstOnRequest() throws Exception {
        String search = "/fhir/r4/Observation?encounter=" + admission.encounterId() + "&code=8867-4";
        Bundle newestFirst = resource(read(search + "&_sort=-date", tokens.admin()), Bundle.class);
        assertThat(ids(newestFirst)).containsExactly("hr-" + nurseReading.readingId(),
                "hr-" + deviceReading.readingId());
        assertThat(ids(resource(read(search, tokens.admin()), Bundle.class))).isEqualTo(ids(newestFirst));
        assertThat(ids(resource(read(search + "&_sort=date", tokens.admin()), Bundle.class)))
                .containsExactly("hr-" + deviceReading.readingId(), "hr-" + nurseReading.readingId());
    }

    @Test
    void filtersByCategoryCodeAndDate() throws Exception {
        String search = "/fhir/r4/Observation?encounter=" + admission.encounterId();
        assertThat(ids(resource(read(search + "&category=survey", tokens.admin()), Bundle.class)))
                .containsExactly("news2-" + nurseReading.readingId());
        assertThat(ids(resource(read(search + "&code=http://loinc.org|59408-5,9279-1", tokens.admin()),
                Bundle.class))).containsExactlyInAnyOrder("spo2-" + deviceReading.readingId(),
                "spo2-" + nurseReading.readingId(), "rr-" + deviceReading.readingId(),
                "rr-" + nurseReading.readingId());
        assertThat(ids(resource(read(search + "&category=vital-signs&date=ge2023-10-27T10:02:00Z&code=8310-5",
                tokens.admin()), Bundle.class))).containsExactly("temp-" + nurseReading.readingId());
        assertThat(ids(resource(read(search + "&date=2023-10-26", tokens.admin()), Bundle.class))).isEmpty();
    }

    @Test
    void showsTheAlertsLifecycleInTheFlag() throws Exception {
        String path = "/fhir/r4/Flag/" + alert.alertId();
        Flag open = resource(read(path, tokens.admin()), Flag.class);
        assertThat(open.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(state(open)).isEqualTo("open");
        projections.apply(acknowledged(alert, T0.plusSeconds(300)));
        Flag acknowledged = resource(read(path, tokens.admin()), Flag.class);
        assertThat(acknowledged.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(state(acknowledged)).isEqualTo("acknowledged");
        projections.apply(resolved(alert, T0.plusSeconds(600)));
        Flag resolvedFlag = resource(read(path, tokens.admin()), Flag.class);
        assertThat(resolvedFlag.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(state(resolvedFlag)).isEqualTo("resolved");
        assertThat(resolvedFlag.getPeriod().getEnd().toInstant()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void givesTheEncountersEverythingInOneBundle() throws Exception {
        Bundle everything = resource(read("/fhir/r4/Encounter/" + admission.encounterId() + "/$everything",
                tokens.nurse(TestIds.next(), admission.ward())), Bundle.class);
        assertThat(everything.getEntry()).extracting(entry -> entry.getResource().fhirType())
                .contains("Encounter", "Patient", "Observation", "Flag");
        // 2 readings: 5 + 4 vital signs (no diastolic alone is still a blood pressure), the NEWS2 score, one alert.
        assertThat(everything.getTotal()).isEqualTo(1 + 1 + 10 + 1 + 1);
    }

    @Test
    void showsAPatientTheirVitalSignsButNotTheCliniciansScoreOrAlerts() throws Exception {
        String token = tokens.patient(admission.patientId());
        Bundle everything = resource(read("/fhir/r4/Encounter/" + admission.encounterId() + "/$everything", token),
                Bundle.class);
        assertThat(everything.getEntry()).extracting(entry -> entry.getResource().fhirType())
                .doesNotContain("Flag");
        assertThat(ids(everything)).noneMatch(id -> id.startsWith("news2-"));
        assertThat(read("/fhir/r4/Observation/news2-" + nurseReading.readingId(), token).getStatus())
                .isEqualTo(404);
        assertThat(read("/fhir/r4/Flag/" + alert.alertId(), token).getStatus()).isEqualTo(403);
        assertThat(read("/fhir/r4/Observation/hr-" + nurseReading.readingId(), token).getStatus()).isEqualTo(200);
    }

    @Test
    void answersErrorsAsOperationOutcomes() throws Exception {
        String doctor = tokens.doctor(admission.doctorId());
        String e = String.valueOf(admission.encounterId());
        Map<String, Integer> cases = Map.of(
                "/fhir/r4/Encounter/" + e + "?_format=xml", 406,
                "/fhir/r4/Observation?encounter=" + e + "&value-quantity=gt100", 400,
                "/fhir/r4/Observation?encounter=" + e + "&_count=1001", 400,
                "/fhir/r4/Observation?encounter=" + e + "&date=yesterday", 400,
                "/fhir/r4/Observation?category=vital-signs", 400,
                "/fhir/r4/Encounter/" + TestIds.next(), 404,
                "/fhir/r4/Observation/pulse-12", 404,
                "/fhir/r4/Medication/1", 404);
        for (var error : cases.entrySet()) {
            MockHttpServletResponse response = read(error.getKey(), doctor);
            assertThat(response.getStatus()).as(error.getKey()).isEqualTo(error.getValue());
            assertOperationOutcome(response);
        }
        MockHttpServletResponse unauthenticated = read("/fhir/r4/Encounter/" + e, null);
        assertThat(unauthenticated.getStatus()).isEqualTo(401);
        assertOperationOutcome(unauthenticated);
        MockHttpServletResponse forbidden = read("/fhir/r4/Encounter/" + e, tokens.auditor());
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertOperationOutcome(forbidden);
        MockHttpServletResponse notAllowed = mvc.perform(org.springframework.test.web.servlet.request
                .MockMvcRequestBuilders.delete("/fhir/r4/Encounter/" + e).header("Authorization", doctor))
                .andReturn().getResponse();
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertOperationOutcome(notAllowed);
    }

    @Test
    void acceptsJsonAndFhirJsonAndPublishesTheCapabilityStatementWithoutAToken() throws Exception {
        MockHttpServletResponse plainJson = mvc.perform(get("/fhir/r4/Encounter/" + admission.encounterId())
                .header("Authorization", tokens.admin()).header("Accept", "application/json")).andReturn()
                .getResponse();
        assertThat(plainJson.getStatus()).isEqualTo(200);
        assertThat(plainJson.getContentType()).startsWith("application/json");
        MockHttpServletResponse fhirJson = mvc.perform(get("/fhir/r4/Encounter/" + admission.encounterId())
                .header("Authorization", tokens.admin()).header("Accept", "application/fhir+json")).andReturn()
                .getResponse();
        assertThat(fhirJson.getContentType()).startsWith("application/fhir+json");
        MockHttpServletResponse metadata = read("/fhir/r4/metadata", null);
        assertThat(metadata.getStatus()).isEqualTo(200);
        assertThat(metadata.getContentAsString()).contains("\"CapabilityStatement\"", "\"everything\"");
    }

    @Test
    void recordsFhirReadsInTheAccessLog() throws Exception {
        String requestId = "fhir-read-" + TestIds.next();
        // The metadata read first: the log is written in order, so were it logged, it would be there by the others.
        mvc.perform(get("/fhir/r4/metadata").header("X-Request-Id", "fhir-metadata-" + requestId)).andReturn();
        mvc.perform(get("/fhir/r4/Observation/hr-" + deviceReading.readingId())
                .header("Authorization", tokens.nurse(TestIds.next(), admission.ward()))
                .header("X-Request-Id", requestId)).andReturn();
        String refusedId = "fhir-refused-" + TestIds.next();
        mvc.perform(get("/fhir/r4/Observation?encounter=" + admission.encounterId())
                .header("Authorization", tokens.nurse(TestIds.next(), "another ward"))
                .header("X-Request-Id", refusedId)).andReturn();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(jdbc.sql("SELECT action, patient_id, encounter_id, outcome FROM access_log "
                            + "WHERE request_id = ?").param(requestId).query().listOfRows())
                    .containsExactly(Map.of("action", "GET /fhir/r4/Observation/{id}", "patient_id",
                            admission.patientId(), "encounter_id", admission.encounterId(), "outcome", 200));
            assertThat(jdbc.sql("SELECT action, encounter_id, outcome FROM access_log WHERE request_id = ?")
                    .param(refusedId).query().listOfRows())
                    .containsExactly(Map.of("action", "GET /fhir/r4/Observation", "encounter_id",
                            admission.encounterId(), "outcome", 404));
        });
        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE request_id = ?")
                .param("fhir-metadata-" + requestId).query(Long.class).single()).isZero();
    }

    private MockHttpServletResponse read(String path, String authorization) throws Exception {
        var request = get(java.net.URI.create(path.replace("$", "%24").replace("|", "%7C")));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static <T extends Resource> T resource(MockHttpServletResponse response, Class<T> type)
            throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(type, response.getContentAsString());
    }

    private static void assertOperationOutcome(MockHttpServletResponse response) throws Exception {
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class,
                response.getContentAsString());
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(FhirConformance.instance().check(response.getContentAsString()).errors()).isEmpty();
        assertThat(response.getContentAsString()).doesNotContain("Asha Rao");
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
    }

    private static String state(Flag flag) {
        return ((CodeType) flag.getExtensionByUrl(FhirResources.ALERT_STATUS_EXTENSION).getValue()).getValue();
    }
}
