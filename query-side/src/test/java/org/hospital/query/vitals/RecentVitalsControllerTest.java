package org.hospital.query.vitals;

import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.reading;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.stream.IntStream;
import org.hospital.events.PatientAdmitted;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.json.JsonCompareMode;

class RecentVitalsControllerTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    private PatientAdmitted admission;

    @BeforeEach
    void admittedPatientWithTwelveReadings() {
        admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        projections.apply(admission);
        IntStream.range(0, 12).forEach(minute ->
                projections.apply(reading(TestIds.next(), admission, T0.plusSeconds(60L * minute), 70 + minute)));
    }

    @Test
    void listsTheNewestReadingsFirstInTheContractShape() throws Exception {
        mvc.perform(get("/patients/" + admission.patientId() + "/vitals/recent?limit=2")
                        .header("Authorization", tokens.patient(admission.patientId())))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"status":"success","data":{"vitals":[
                         {"timestamp":"2023-10-27T10:11:00Z","hr_bpm":81,"spo2_pct":98,"temp_c":37.0,
                          "bp_systolic":120,"bp_diastolic":80,"resp_rate":16},
                         {"timestamp":"2023-10-27T10:10:00Z","hr_bpm":80,"spo2_pct":98,"temp_c":37.0,
                          "bp_systolic":120,"bp_diastolic":80,"resp_rate":16}]}}""", JsonCompareMode.STRICT));
    }

    @Test
    void returnsTenReadingsByDefault() throws Exception {
        mvc.perform(get("/patients/" + admission.patientId() + "/vitals/recent")
                        .header("Authorization", tokens.nurse("ICU")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.vitals.length()").value(10))
                .andExpect(jsonPath("$.data.vitals[0].hr_bpm").value(81));
    }

    @Test
    void rejectsALimitOutsideOneToFiveHundred() throws Exception {
        for (String limit : new String[] {"0", "501", "-1", "ten"}) {
            mvc.perform(get("/patients/" + admission.patientId() + "/vitals/recent?limit=" + limit)
                            .header("Authorization", tokens.admin()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.details[0].field").value("limit"));
        }
    }

    @Test
    void hidesAnotherPatientsVitalsAsNotFound() throws Exception {
        mvc.perform(get("/patients/" + admission.patientId() + "/vitals/recent")
                        .header("Authorization", tokens.patient(TestIds.next())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(get("/patients/" + admission.patientId() + "/vitals/recent")
                        .header("Authorization", tokens.doctor(TestIds.next())))
                .andExpect(status().isNotFound());
    }
}
