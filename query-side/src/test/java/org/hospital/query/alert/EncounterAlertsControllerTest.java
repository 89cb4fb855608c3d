package org.hospital.query.alert;

import static org.hospital.query.HospitalEvents.acknowledged;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.resolved;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import org.hospital.events.AlertRaised;
import org.hospital.events.PatientAdmitted;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.json.JsonCompareMode;

class EncounterAlertsControllerTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:05:00Z");

    private PatientAdmitted admission;
    private AlertRaised older;
    private AlertRaised newer;

    @BeforeEach
    void encounterWithAResolvedAndAnOpenAlert() {
        admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        older = alertRaised(TestIds.next(), admission, T0);
        newer = alertRaised(TestIds.next(), admission, T0.plusSeconds(60));
        projections.apply(admission, older, acknowledged(older, T0.plusSeconds(10)),
                resolved(older, T0.plusSeconds(20)), newer);
    }

    @Test
    void listsTheEncountersAlertsNewestFirstInTheContractShape() throws Exception {
        mvc.perform(get("/encounters/" + admission.encounterId() + "/alerts")
                        .header("Authorization", tokens.doctor(admission.doctorId())))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":[
                         {"id":%d,"type":"TACHYCARDIA","severity":"high","message":"High Heart Rate detected: 140 BPM",
                          "timestamp":"2023-10-27T10:06:00Z","status":"open","resolved":false,"occurrences":1,
                          "last_seen_at":"2023-10-27T10:06:00Z"},
                         {"id":%d,"type":"TACHYCARDIA","severity":"high","message":"High Heart Rate detected: 140 BPM",
                          "timestamp":"2023-10-27T10:05:00Z","status":"resolved","resolved":true,"occurrences":1,
                          "last_seen_at":"2023-10-27T10:05:00Z"}]}"""
                        .formatted(newer.alertId(), older.alertId()), JsonCompareMode.STRICT));
    }

    @Test
    void filtersByStatus() throws Exception {
        mvc.perform(get("/encounters/" + admission.encounterId() + "/alerts?status=resolved")
                        .header("Authorization", tokens.nurse("ICU")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.length()").value(1))
                .andExpect(jsonPath("$.data[0].id").value(older.alertId()));
        mvc.perform(get("/encounters/" + admission.encounterId() + "/alerts?status=acknowledged")
                        .header("Authorization", tokens.nurse("ICU")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.length()").value(0));
    }

    @Test
    void rejectsAnUnknownStatus() throws Exception {
        mvc.perform(get("/encounters/" + admission.encounterId() + "/alerts?status=closed")
                        .header("Authorization", tokens.admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.details[0].field").value("status"));
    }

    @Test
    void hidesTheAlertsOfAnEncounterTheCallerDoesNotCareForAsNotFound() throws Exception {
        mvc.perform(get("/encounters/" + admission.encounterId() + "/alerts")
                        .header("Authorization", tokens.doctor(TestIds.next())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(get("/encounters/" + admission.encounterId() + "/alerts")
                        .header("Authorization", tokens.patient(admission.patientId())))
                .andExpect(status().isForbidden());
    }
}
