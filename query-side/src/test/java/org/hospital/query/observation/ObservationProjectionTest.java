package org.hospital.query.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.observation;

import java.time.Instant;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ObservationProjectionTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    @Autowired
    ObservationViews views;

    @Test
    void storesARedeliveredNoteOnceAndShowsTheLatestNoteLast() {
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        ObservationRecorded first = observation(TestIds.next(), admission, "Patient looks stable.", T0);
        ObservationRecorded latest = observation(TestIds.next(), admission, "Resting comfortably.", T0.plusSeconds(60));

        projections.apply(latest, first, latest, first);

        assertThat(views.recentOf(admission.encounterId(), 10)).extracting(ObservationView::id)
                .containsExactly(latest.observationId(), first.observationId());
        assertThat(views.lastOf(admission.encounterId())).contains(
                new ObservationView(latest.observationId(), "Resting comfortably.", T0.plusSeconds(60),
                        admission.doctorId()));
    }
}
