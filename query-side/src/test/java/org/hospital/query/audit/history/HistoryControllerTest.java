package org.hospital.query.audit.history;

import static org.hospital.query.HospitalEvents.acknowledged;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.reading;
import static org.hospital.query.HospitalEvents.resolved;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import org.hospital.events.AlertRaised;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientTransferred;
import org.hospital.query.audit.AuditDriver.Actor;
import org.hospital.query.audit.AuditIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.json.JsonCompareMode;

class HistoryControllerTest extends AuditIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    private PatientAdmitted admission;
    private AlertRaised alert;

    /** Stored at T0, +1, +2, ... minutes: admission, reading, alert, transfer, acknowledgement, resolution. */
    @BeforeEach
    void recordedEncounter() {
        admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        alert = alertRaised(TestIds.next(), admission, T0.plusSeconds(60));
        events.apply(admission, T0, Actor.user(2, "doctor"));
        events.apply(reading(TestIds.next(), admission, T0.plusSeconds(55), 142), T0.plusSeconds(60),
                Actor.device(3));
        events.apply(alert, T0.plusSeconds(120), null);
        events.apply(new PatientTransferred(admission.encounterId(), admission.patientId(), admission.roomId(), 77,
                "201", "General", T0.plusSeconds(180)), T0.plusSeconds(180), Actor.user(3, "nurse"));
        events.apply(acknowledged(alert, T0.plusSeconds(240)), T0.plusSeconds(240), Actor.user(2, "doctor"));
        events.apply(resolved(alert, T0.plusSeconds(300)), T0.plusSeconds(300), Actor.user(2, "doctor"));
    }

    private String history() {
        return "/encounters/" + admission.encounterId() + "/history";
    }

    @Test
    void listsEveryEventInOrderWithWhoCausedIt() throws Exception {
        mvc.perform(get(history()).header("Authorization", tokens.auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.events.length()").value(6))
                .andExpect(jsonPath("$.data.next_after_sequence").doesNotExist())
                .andExpect(jsonPath("$.data.events[0].type").value("PatientAdmitted"))
                .andExpect(jsonPath("$.data.events[1].type").value("VitalsRecorded"))
                .andExpect(jsonPath("$.data.events[1].actor.device_id").value(3))
                .andExpect(jsonPath("$.data.events[1].actor.role").value("device"))
                .andExpect(jsonPath("$.data.events[1].payload.hr_bpm").value(142))
                .andExpect(jsonPath("$.data.events[2].actor").doesNotExist())
                .andExpect(jsonPath("$.data.events[5].type").value("AlertResolved"))
                .andExpect(jsonPath("$.data.events[5].sequence").value(5));
    }

    @Test
    void answersInTheContractShape() throws Exception {
        mvc.perform(get(history() + "?page_size=1").header("Authorization", tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":{"events":[{"sequence":0,"type":"PatientAdmitted",
                          "timestamp":"2023-10-27T10:00:00Z","actor":{"user_id":2,"role":"doctor"},
                          "request_id":"%s","client_address":"10.0.0.7",
                          "payload":{"encounter_id":%d,"patient_id":%d,"doctor_id":%d,"room_id":%d,
                                     "room_number":"101A","ward":"ICU","admitted_at":"2023-10-27T10:00:00Z"}}],
                          "next_after_sequence":0}}"""
                        .formatted(requestIdOfFirstEvent(), admission.encounterId(), admission.patientId(),
                                admission.doctorId(), admission.roomId()), JsonCompareMode.STRICT));
    }

    @Test
    void pagesWithACursor() throws Exception {
        mvc.perform(get(history() + "?page_size=4").header("Authorization", tokens.auditor()))
                .andExpect(jsonPath("$.data.events.length()").value(4))
                .andExpect(jsonPath("$.data.next_after_sequence").value(3));
        mvc.perform(get(history() + "?page_size=4&after_sequence=3").header("Authorization", tokens.auditor()))
                .andExpect(jsonPath("$.data.events.length()").value(2))
                .andExpect(jsonPath("$.data.events[0].sequence").value(4))
                .andExpect(jsonPath("$.data.next_after_sequence").value((Object) null));
    }

    @Test
    void showsTheEncounterAsItWasAtAnInstant() throws Exception {
        mvc.perform(get(history() + "?as_of=2023-10-27T10:02:30Z").header("Authorization", tokens.auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.status").value("active"))
                .andExpect(jsonPath("$.data.room.room_number").value("101A"))
                .andExpect(jsonPath("$.data.latest_vitals.hr_bpm.value").value(142))
                .andExpect(jsonPath("$.data.open_alerts.length()").value(1))
                .andExpect(jsonPath("$.data.open_alerts[0].acknowledged").value(false))
                .andExpect(jsonPath("$.data.events_applied").value(3));
        mvc.perform(get(history() + "?as_of=2023-10-27T15:34:30+05:30").header("Authorization", tokens.auditor()))
                .andExpect(jsonPath("$.data.room.room_number").value("201"))
                .andExpect(jsonPath("$.data.room.ward").value("General"))
                .andExpect(jsonPath("$.data.open_alerts[0].status").value("acknowledged"));
        mvc.perform(get(history() + "?as_of=2023-10-27T10:05:00").header("Authorization", tokens.auditor()))
                .andExpect(jsonPath("$.data.open_alerts.length()").value(0))
                .andExpect(jsonPath("$.data.events_applied").value(6));
    }

    @Test
    void rejectsAnUnreadableInstant() throws Exception {
        mvc.perform(get(history() + "?as_of=yesterday").header("Authorization", tokens.auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void answersNotFoundForAnUnknownEncounter() throws Exception {
        mvc.perform(get("/encounters/" + TestIds.next() + "/history").header("Authorization", tokens.admin()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void isForAdminsAndAuditorsOnly() throws Exception {
        mvc.perform(get(history()).header("Authorization", tokens.doctor(admission.doctorId())))
                .andExpect(status().isForbidden());
        mvc.perform(get(history()).header("Authorization", tokens.nurse("ICU")))
                .andExpect(status().isForbidden());
        mvc.perform(get(history())).andExpect(status().isUnauthorized());
    }

    @Test
    void rejectsAPageSizeOutOfRange() throws Exception {
        mvc.perform(get(history() + "?page_size=1001").header("Authorization", tokens.admin()))
                .andExpect(status().isBadRequest());
    }

    private String requestIdOfFirstEvent() throws Exception {
        String body = mvc.perform(get(history() + "?page_size=1").header("Authorization", tokens.admin()))
                .andReturn().getResponse().getContentAsString();
        return com.jayway.jsonpath.JsonPath.read(body, "$.data.events[0].request_id");
    }
}
