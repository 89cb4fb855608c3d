package org.hospital.query.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.reading;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.VitalsRecorded;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class VitalsProjectionTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    VitalsViews views;

    @Test
    void storesARedeliveredReadingOnce() {
        PatientAdmitted admission = admission();
        VitalsRecorded reading = reading(TestIds.next(), admission, T0, 80);
        projections.apply(admission, reading);
        List<Map<String, Object>> before = rows(admission.encounterId());

        projections.apply(reading);

        assertThat(rows(admission.encounterId())).hasSize(2).isEqualTo(before);
    }

    @Test
    void keepsTheLatestReadingByTimeOfMeasurementNotOfArrival() {
        PatientAdmitted admission = admission();
        projections.apply(admission, reading(TestIds.next(), admission, T0.plusSeconds(300), 90));

        projections.apply(reading(TestIds.next(), admission, T0, 140));

        assertThat(views.latestOf(admission.encounterId())).get()
                .extracting(VitalsReading::hrBpm, VitalsReading::timestamp)
                .containsExactly(90, T0.plusSeconds(300));
    }

    @Test
    void replacesTheLatestReadingWithANewerOne() {
        PatientAdmitted admission = admission();
        projections.apply(admission, reading(TestIds.next(), admission, T0, 90));

        projections.apply(reading(TestIds.next(), admission, T0.plusSeconds(5), 110));

        assertThat(views.latestOf(admission.encounterId())).get().extracting(VitalsReading::hrBpm).isEqualTo(110);
    }

    @Test
    void listsAPatientsReadingsNewestFirstUpToTheLimit() {
        PatientAdmitted admission = admission();
        projections.apply(admission, reading(TestIds.next(), admission, T0.plusSeconds(10), 81),
                reading(TestIds.next(), admission, T0, 80), reading(TestIds.next(), admission, T0.plusSeconds(20), 82));

        assertThat(views.recentOf(admission.patientId(), 2)).extracting(VitalsReading::hrBpm).containsExactly(82, 81);
    }

    private static PatientAdmitted admission() {
        return admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
    }

    private List<Map<String, Object>> rows(long encounterId) {
        return List.of(
                jdbc.sql("SELECT * FROM view_vitals WHERE encounter_id = ?").param(encounterId).query().singleRow(),
                jdbc.sql("SELECT * FROM view_latest_vitals WHERE encounter_id = ?").param(encounterId).query()
                        .singleRow());
    }
}
