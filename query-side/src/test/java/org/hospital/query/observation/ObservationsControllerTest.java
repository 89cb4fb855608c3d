package org.hospital.query.observation;

import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.observation;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Test;
import org.springframework.test.json.JsonCompareMode;

class ObservationsControllerTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    @Test
    void listsTheEncountersNotesNewestFirstToCliniciansWhoMaySeeIt() throws Exception {
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        ObservationRecorded first = observation(TestIds.next(), admission, "Admitted.", T0);
        ObservationRecorded second = observation(TestIds.next(), admission, "Stable.", T0.plusSeconds(60));
        projections.apply(admission, first, second);

        mvc.perform(get("/encounters/" + admission.encounterId() + "/observations?limit=1")
                        .header("Authorization", tokens.nurse("ICU")))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":{"observations":[
                         {"id":%d,"note":"Stable.","created_at":"2023-10-27T10:01:00Z","author_id":%d}]}}"""
                        .formatted(second.observationId(), admission.doctorId()), JsonCompareMode.STRICT));
        mvc.perform(get("/encounters/" + admission.encounterId() + "/observations")
                        .header("Authorization", tokens.nurse("General")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/encounters/" + admission.encounterId() + "/observations")
                        .header("Authorization", tokens.patient(admission.patientId())))
                .andExpect(status().isForbidden());
    }
}
