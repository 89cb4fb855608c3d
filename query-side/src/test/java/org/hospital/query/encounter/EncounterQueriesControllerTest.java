package org.hospital.query.encounter;

import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.discharged;
import static org.hospital.query.HospitalEvents.doctorRegistered;
import static org.hospital.query.HospitalEvents.observation;
import static org.hospital.query.HospitalEvents.patientRegistered;
import static org.hospital.query.HospitalEvents.reading;
import static org.hospital.query.HospitalEvents.resolved;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hospital.events.AlertRaised;
import org.hospital.events.News2Breakdown;
import org.hospital.events.News2Scored;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.ResultActions;

class EncounterQueriesControllerTest extends QuerySideIntegrationTest {

    private static final Instant ADMITTED_AT = Instant.parse("2023-10-27T10:00:00Z");

    private long patientId;
    private long doctorId;
    private PatientAdmitted admission;

    @BeforeEach
    void admittedPatientOfFiftyFour() {
        patientId = TestIds.next();
        doctorId = TestIds.next();
        LocalDate fiftyFourYearsAndSomeDaysAgo = LocalDate.now(ZoneOffset.UTC).minusYears(54).minusDays(100);
        admission = admitted(TestIds.next(), patientId, doctorId, "ICU", ADMITTED_AT);
        projections.apply(patientRegistered(patientId, "Asha Rao", fiftyFourYearsAndSomeDaysAgo),
                doctorRegistered(doctorId), admission);
    }

    @Test
    void listsTheDoctorsActiveEncountersInTheContractShape() throws Exception {
        PatientAdmitted earlierDischarged = admitted(TestIds.next(), TestIds.next(), doctorId, "ICU", ADMITTED_AT);
        projections.apply(earlierDischarged, discharged(earlierDischarged, ADMITTED_AT.plusSeconds(60)));

        call("/doctors/" + doctorId + "/patients", tokens.doctor(doctorId))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":{"encounters":[%s]}}""".formatted(summaryJson()),
                        JsonCompareMode.STRICT));
    }

    @Test
    void showsPatientDetailsAsNullWhileTheRegistrationIsNotProjected() throws Exception {
        long unregisteredPatient = TestIds.next();
        PatientAdmitted early = admitted(TestIds.next(), unregisteredPatient, doctorId, "ICU", ADMITTED_AT.plusSeconds(1));
        projections.apply(early);

        call("/doctors/" + doctorId + "/patients", tokens.admin())
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":{"encounters":[{"id":%d,
                         "patient":{"id":%d,"name":null,"age":null,"gender":null},
                         "room":{"id":%d,"room_number":"101A"},"admitted_at":"2023-10-27T10:00:01Z","status":"active"},
                         %s]}}""".formatted(early.encounterId(), unregisteredPatient, early.roomId(), summaryJson()),
                        JsonCompareMode.STRICT));
    }

    @Test
    void refusesADoctorAnotherDoctorsList() throws Exception {
        call("/doctors/" + doctorId + "/patients", tokens.doctor(TestIds.next()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    void refusesTheDoctorListToNursesPatientsAndAnonymousCallers() throws Exception {
        call("/doctors/" + doctorId + "/patients", tokens.nurse("ICU")).andExpect(status().isForbidden());
        call("/doctors/" + doctorId + "/patients", tokens.patient(patientId)).andExpect(status().isForbidden());
        mvc.perform(get("/doctors/" + doctorId + "/patients"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void answersNotFoundForADoctorNobodyKnows() throws Exception {
        call("/doctors/" + TestIds.next() + "/patients", tokens.admin())
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void rejectsIdsThatAreNotPositiveIntegers() throws Exception {
        call("/doctors/abc/patients", tokens.admin()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        call("/encounters/0/overview", tokens.admin()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void showsAPatientTheirCurrentEncounter() throws Exception {
        call("/patients/" + patientId + "/encounter", tokens.patient(patientId))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":{"encounter":%s}}""".formatted(summaryJson()),
                        JsonCompareMode.STRICT));
    }

    @Test
    void showsNullForAPatientWhoIsNotAdmitted() throws Exception {
        projections.apply(discharged(admission, ADMITTED_AT.plusSeconds(3600)));

        call("/patients/" + patientId + "/encounter", tokens.patient(patientId))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":{"encounter":null}}""", JsonCompareMode.STRICT));
    }

    @Test
    void hidesAPatientFromCallersWithoutACareRelationshipAsNotFound() throws Exception {
        String url = "/patients/" + patientId + "/encounter";
        call(url, tokens.patient(TestIds.next())).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        call(url, tokens.doctor(TestIds.next())).andExpect(status().isNotFound());
        call(url, tokens.nurse("General")).andExpect(status().isNotFound());
        call(url, tokens.auditor()).andExpect(status().isForbidden());
        call(url, tokens.doctor(doctorId)).andExpect(status().isOk());
        call(url, tokens.nurse("ICU")).andExpect(status().isOk());
        call(url, tokens.admin()).andExpect(status().isOk());
    }

    @Test
    void overviewShowsLatestVitalsLastObservationUnresolvedAlertsAndStatus() throws Exception {
        ObservationRecorded note = observation(TestIds.next(), admission, "Patient resting comfortably.",
                ADMITTED_AT.plusSeconds(400));
        AlertRaised open = alertRaised(TestIds.next(), admission, ADMITTED_AT.plusSeconds(300));
        AlertRaised closed = alertRaised(TestIds.next(), admission, ADMITTED_AT.plusSeconds(200));
        projections.apply(reading(TestIds.next(), admission, ADMITTED_AT.plusSeconds(300), 80),
                reading(TestIds.next(), admission, ADMITTED_AT.plusSeconds(100), 140),
                observation(TestIds.next(), admission, "Admitted.", ADMITTED_AT.plusSeconds(10)), note,
                open, closed, resolved(closed, ADMITTED_AT.plusSeconds(500)));

        call("/encounters/" + admission.encounterId() + "/overview", tokens.doctor(doctorId))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":{"encounter_id":%d,"patient_id":%d,
                         "latest_vitals":{"timestamp":"2023-10-27T10:05:00Z","hr_bpm":80,"spo2_pct":98,"temp_c":37.0,
                                          "bp_systolic":120,"bp_diastolic":80,"resp_rate":16},
                         "last_observation":{"id":%d,"note":"Patient resting comfortably.",
                                             "created_at":"2023-10-27T10:06:40Z","author_id":%d},
                         "alerts_count":1,"news2":null,"status":"active","spo2_scale":1}}"""
                        .formatted(admission.encounterId(), patientId, note.observationId(), doctorId),
                        JsonCompareMode.STRICT));
    }

    @Test
    void overviewOfAQuietEncounterHasNullsAndNoAlerts() throws Exception {
        call("/encounters/" + admission.encounterId() + "/overview", tokens.nurse("ICU"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":{"encounter_id":%d,"patient_id":%d,"latest_vitals":null,
                         "last_observation":null,"alerts_count":0,"news2":null,"status":"active",
                         "spo2_scale":1}}"""
                        .formatted(admission.encounterId(), patientId), JsonCompareMode.STRICT));
    }

    @Test
    void overviewShowsTheMostRecentNews2ScoreAndTheChosenSpo2Scale() throws Exception {
        News2Breakdown breakdown = new News2Breakdown(2, 0, 0, 0, 3, 0, 1, 2);
        Instant scoredAt = ADMITTED_AT.plusSeconds(120);
        projections.apply(
                new News2Scored(admission.encounterId(), patientId, TestIds.next(), 6, "medium", breakdown, scoredAt, 60),
                new News2Scored(admission.encounterId(), patientId, TestIds.next(), 1, "low", breakdown,
                        scoredAt.minusSeconds(60), 240),
                new Spo2ScaleChanged(admission.encounterId(), patientId, 2, doctorId, ADMITTED_AT.plusSeconds(30)));

        call("/encounters/" + admission.encounterId() + "/overview", tokens.doctor(doctorId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.news2.score").value(6))
                .andExpect(jsonPath("$.data.news2.risk").value("medium"))
                .andExpect(jsonPath("$.data.spo2_scale").value(2));
    }

    @Test
    void hidesAnEncounterFromNonAttendingDoctorsAndOtherWardsExactlyLikeAnUnknownOne() throws Exception {
        String body = call("/encounters/" + TestIds.next() + "/overview", tokens.admin())
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        String unknownEncounterMessage = JsonPath.read(body, "$.error");

        call("/encounters/" + admission.encounterId() + "/overview", tokens.doctor(TestIds.next()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"))
                .andExpect(jsonPath("$.error").value(unknownEncounterMessage));
        call("/encounters/" + admission.encounterId() + "/overview", tokens.nurse("General"))
                .andExpect(status().isNotFound());
        call("/encounters/" + admission.encounterId() + "/overview", tokens.patient(patientId))
                .andExpect(status().isForbidden());
    }

    private ResultActions call(String url, String authorization) throws Exception {
        return mvc.perform(get(url).header("Authorization", authorization));
    }

    private String summaryJson() {
        return """
                {"id":%d,"patient":{"id":%d,"name":"Asha Rao","age":54,"gender":"F"},
                 "room":{"id":%d,"room_number":"101A"},"admitted_at":"2023-10-27T10:00:00Z","status":"active"}"""
                .formatted(admission.encounterId(), patientId, admission.roomId());
    }
}
