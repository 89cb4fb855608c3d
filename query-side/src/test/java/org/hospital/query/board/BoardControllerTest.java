package org.hospital.query.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.discharged;
import static org.hospital.query.HospitalEvents.doctorRegistered;
import static org.hospital.query.HospitalEvents.patientRegistered;
import static org.hospital.query.HospitalEvents.reading;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hamcrest.Matchers;
import org.hospital.events.AlertRaised;
import org.hospital.events.News2Breakdown;
import org.hospital.events.News2Scored;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.VitalsRecorded;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/** docs/api.md, Ward board: what a tile carries, who sees which beds, the order, the access log and the trend. */
class BoardControllerTest extends QuerySideIntegrationTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String ward;
    private long doctorId;
    private PatientAdmitted calm;
    private PatientAdmitted sick;

    @BeforeEach
    void wardWithACalmAndASickPatient() {
        ward = "ward-" + TestIds.next();
        doctorId = TestIds.next();
        calm = admitted(TestIds.next(), TestIds.next(), doctorId, ward, now.minus(Duration.ofHours(5)));
        sick = admitted(TestIds.next(), TestIds.next(), TestIds.next(), ward, now.minus(Duration.ofHours(5)));
        LocalDate born = LocalDate.now(ZoneOffset.UTC).minusYears(54).minusDays(10);
        projections.apply(patientRegistered(calm.patientId(), "Calm Patient", born),
                patientRegistered(sick.patientId(), "Sick Patient", born), doctorRegistered(doctorId), calm, sick);
        // The calm patient's temperature was last taken an hour before the newest reading, which lacks it.
        projections.apply(reading(TestIds.next(), calm, now.minus(Duration.ofHours(1)), 80),
                new VitalsRecorded(TestIds.next(), calm.encounterId(), calm.patientId(), now.minusSeconds(600), 78,
                        97, null, 121, 79, 15, false, "A", List.of(), now, "device:1"),
                news2(calm, 0, "low", now.minusSeconds(600), null),
                reading(TestIds.next(), sick, now.minusSeconds(300), 142),
                news2(sick, 3, "low-medium", now.minusSeconds(300), 60));
        AlertRaised medium = new AlertRaised(TestIds.next(), sick.encounterId(), sick.patientId(), "NEWS2_RED_SCORE",
                "medium", "A 3 in one parameter", now.minusSeconds(300), 1, now.minusSeconds(299));
        projections.apply(alertRaised(TestIds.next(), sick, now.minusSeconds(300)), medium);
    }

    /** The alerting side calls observations overdue after its own interval; the board shows the same due time. */
    @Test
    void showsObservationsDueAfterTheAlertingSidesIntervalNotTheBandsDefault() throws Exception {
        PatientAdmitted critical = admitted(TestIds.next(), TestIds.next(), doctorId, ward, now.minusSeconds(3600));
        projections.apply(critical, reading(TestIds.next(), critical, now.minusSeconds(60), 135),
                news2(critical, 9, "high", now.minusSeconds(60), 5));

        call("/board", tokens.nurse(ward))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.tiles[0].encounter_id").value(critical.encounterId()))
                .andExpect(jsonPath("$.data.tiles[0].news2.band").value("high"))
                .andExpect(jsonPath("$.data.tiles[0].next_observation_due_at")
                        .value(now.minusSeconds(60).plus(Duration.ofMinutes(5)).toString()));
    }

    @Test
    void showsANurseOneTilePerOccupiedBedOfHerWardMostUrgentFirst() throws Exception {
        PatientAdmitted gone = admitted(TestIds.next(), TestIds.next(), doctorId, ward, now.minusSeconds(9000));
        projections.apply(gone, discharged(gone, now.minusSeconds(60)));

        call("/board", tokens.nurse(ward))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.scope").value("ward"))
                .andExpect(jsonPath("$.data.ward").value(ward))
                .andExpect(jsonPath("$.data.tiles.length()").value(2))
                .andExpect(jsonPath("$.data.tiles[0].encounter_id").value(sick.encounterId()))
                .andExpect(jsonPath("$.data.tiles[0].news2.score").value(3))
                .andExpect(jsonPath("$.data.tiles[0].news2.band").value("red"))
                .andExpect(jsonPath("$.data.tiles[0].news2.band_label").value("3 in one parameter: low-medium"))
                .andExpect(jsonPath("$.data.tiles[0].alerts[0].severity").value("high"))
                .andExpect(jsonPath("$.data.tiles[0].alerts[1].severity").value("medium"))
                .andExpect(jsonPath("$.data.tiles[0].alert_counts.high").value(1))
                .andExpect(jsonPath("$.data.tiles[0].alert_counts.medium").value(1))
                .andExpect(jsonPath("$.data.tiles[0].next_observation_due_at")
                        .value(now.minusSeconds(300).plus(Duration.ofHours(1)).toString()))
                .andExpect(jsonPath("$.data.tiles[1].encounter_id").value(calm.encounterId()))
                .andExpect(jsonPath("$.data.tiles[1].patient.name").value("Calm Patient"))
                .andExpect(jsonPath("$.data.tiles[1].patient.age").value(54))
                .andExpect(jsonPath("$.data.tiles[1].room.room_number").value("101A"))
                .andExpect(jsonPath("$.data.tiles[1].vitals.hr_bpm.value").value(78))
                .andExpect(jsonPath("$.data.tiles[1].vitals.hr_bpm.measured_at").value(now.minusSeconds(600).toString()))
                .andExpect(jsonPath("$.data.tiles[1].vitals.temp_c.value").value(37.0))
                .andExpect(jsonPath("$.data.tiles[1].vitals.temp_c.measured_at")
                        .value(now.minus(Duration.ofHours(1)).toString()))
                .andExpect(jsonPath("$.data.tiles[1].vitals.consciousness.value").value("A"))
                .andExpect(jsonPath("$.data.tiles[1].news2.band").value("zero"))
                .andExpect(jsonPath("$.data.tiles[1].alerts.length()").value(0))
                .andExpect(jsonPath("$.data.tiles[1].next_observation_due_at")
                        .value(now.minusSeconds(600).plus(Duration.ofHours(12)).toString()));
    }

    @Test
    void refusesANurseAnotherWardAndShowsHerOwnWithoutTheBeds() throws Exception {
        call("/board?ward=" + ward, tokens.nurse("General"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        call("/board", tokens.nurse("General"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.ward").value("General"))
                .andExpect(jsonPath("$.data.tiles[*].encounter_id",
                        Matchers.not(Matchers.hasItem(Matchers.anyOf(Matchers.is((int) calm.encounterId()),
                                Matchers.is(calm.encounterId()))))));
    }

    @Test
    void showsADoctorOnlyThePatientsHeAttends() throws Exception {
        call("/board", tokens.doctor(doctorId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.scope").value("doctor"))
                .andExpect(jsonPath("$.data.tiles.length()").value(1))
                .andExpect(jsonPath("$.data.tiles[0].encounter_id").value(calm.encounterId()))
                .andExpect(jsonPath("$.data.tiles[0].ward").value(ward));
    }

    @Test
    void letsAnAdministratorChooseAnyWard() throws Exception {
        call("/board", tokens.admin())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.tiles.length()").value(0))
                .andExpect(jsonPath("$.data.wards", Matchers.hasItem(ward)));
        call("/board?ward=" + ward, tokens.admin())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.tiles.length()").value(2));
    }

    @Test
    void refusesPatientsAuditorsAndAnonymousCallers() throws Exception {
        call("/board", tokens.patient(calm.patientId())).andExpect(status().isForbidden());
        call("/board", tokens.auditor()).andExpect(status().isForbidden());
        mvc.perform(get("/board")).andExpect(status().isUnauthorized());
        call("/board?ward=", tokens.admin()).andExpect(status().isBadRequest());
    }

    @Test
    void recordsOneAccessLogEntryPerPatientShown() throws Exception {
        String requestId = call("/board", tokens.nurse(ward)).andExpect(status().isOk())
                .andReturn().getResponse().getHeader("X-Request-Id");
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT patient_id FROM access_log WHERE request_id = ? AND action = 'GET /board'")
                .param(requestId).query(Long.class).list())
                .containsExactlyInAnyOrder(calm.patientId(), sick.patientId()));
    }

    @Test
    void givesTheTrendOfTheLastDayWithTheNews2ScoresAtTheirReadingsTimes() throws Exception {
        VitalsRecorded old = reading(TestIds.next(), calm, now.minus(Duration.ofHours(30)), 70);
        VitalsRecorded sameMinuteEarlier = reading(TestIds.next(), calm, now.minusSeconds(125), 90);
        VitalsRecorded sameMinuteLater = reading(TestIds.next(), calm, now.minusSeconds(121), 95);
        projections.apply(old, sameMinuteEarlier, sameMinuteLater);
        projections.applyAt(TestIds.next(), new News2Scored(calm.encounterId(), calm.patientId(),
                sameMinuteLater.readingId(), 1, "low", breakdown(), now.minusSeconds(100), 240));

        String url = "/encounters/" + calm.encounterId() + "/trend";
        call(url, tokens.nurse(ward))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.encounter_id").value(calm.encounterId()))
                .andExpect(jsonPath("$.data.readings[*].hr_bpm", Matchers.not(Matchers.hasItem(70))))
                .andExpect(jsonPath("$.data.news2[0].score").value(1))
                .andExpect(jsonPath("$.data.news2[0].band").value("low"))
                .andExpect(jsonPath("$.data.news2[0].measured_at").value(sameMinuteLater.timestamp().toString()));
        call(url + "?hours=48", tokens.doctor(doctorId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.readings[0].hr_bpm").value(70));
        call(url + "?hours=73", tokens.admin()).andExpect(status().isBadRequest());
        call(url, tokens.nurse("General")).andExpect(status().isNotFound());
        call(url, tokens.doctor(TestIds.next())).andExpect(status().isNotFound());
        call(url, tokens.auditor()).andExpect(status().isForbidden());
    }

    @Test
    void keepsTheNewestReadingOfEachMinuteInTheTrend() throws Exception {
        PatientAdmitted stay = admitted(TestIds.next(), TestIds.next(), doctorId, ward, now.minusSeconds(7200));
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES).minusSeconds(600);
        projections.apply(stay, reading(TestIds.next(), stay, minute.plusSeconds(5), 90),
                reading(TestIds.next(), stay, minute.plusSeconds(50), 95),
                reading(TestIds.next(), stay, minute.plusSeconds(65), 99));

        call("/encounters/" + stay.encounterId() + "/trend", tokens.admin())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.readings.length()").value(2))
                .andExpect(jsonPath("$.data.readings[0].hr_bpm").value(95))
                .andExpect(jsonPath("$.data.readings[1].hr_bpm").value(99));
    }

    /** {@code monitoringMinutes} null: a score recorded before the events carried the alerting side's interval. */
    private static News2Scored news2(PatientAdmitted admission, int score, String risk, Instant at,
                                     Integer monitoringMinutes) {
        return new News2Scored(admission.encounterId(), admission.patientId(), TestIds.next(), score, risk,
                breakdown(), at, monitoringMinutes);
    }

    private static News2Breakdown breakdown() {
        return new News2Breakdown(0, 0, 0, 0, 1, 0, 0, 1);
    }

    private ResultActions call(String url, String authorization) throws Exception {
        return mvc.perform(get(url).header("Authorization", authorization));
    }
}
