package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hospital.alerting.saga.ReadingBuilder.reading;
import static org.hospital.alerting.saga.SagaFixtures.ENCOUNTER;
import static org.hospital.alerting.saga.SagaFixtures.NOW;
import static org.hospital.alerting.saga.SagaFixtures.PATIENT;
import static org.hospital.alerting.saga.SagaFixtures.admitted;
import static org.hospital.alerting.saga.SagaFixtures.raised;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.test.saga.SagaTestFixture;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertResolved;
import org.hospital.events.EscalateAlert;
import org.hospital.events.PatientDischarged;
import org.hospital.events.RaiseAlert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Escalation of unacknowledged alerts and OBSERVATIONS_OVERDUE (docs/api.md, Alert rules; RCP 2017 chart 4). */
class SagaDeadlinesTest {

    private final RecordingAlertCommandSender sender = new RecordingAlertCommandSender();
    private final AtomicBoolean caughtUp = new AtomicBoolean(true);
    private SagaTestFixture<EncounterAlertingSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = SagaFixtures.sagaFixture(sender, Map.of(), caughtUp::get);
    }

    @Test
    void schedulesEscalationAtTheSeverityDeadlineWhenAnAlertIsRaised() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(raised(77, "SEPSIS_RISK", "critical", 5001))
                .expectScheduledDeadline(Duration.ofMinutes(5), new EscalationDue(77, 1));
    }

    @Test
    void escalatesAnAlertStillUnacknowledgedAtItsDeadline() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(raised(77, "TACHYCARDIA", "high", 5001))
                .whenTimeElapses(Duration.ofMinutes(15))
                .expectDeadlinesMet(new EscalationDue(77, 1));

        assertThat(sender.escalations()).containsExactly(new EscalateAlert(77, ENCOUNTER, 1));
    }

    @Test
    void doesNotEscalateBeforeTheDeadline() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(raised(77, "FEVER", "medium", 5001))
                .whenTimeElapses(Duration.ofMinutes(59));

        assertThat(sender.escalations()).isEmpty();
    }

    @Test
    void cancelsEscalationWhenTheAlertIsAcknowledged() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(raised(77, "SEPSIS_RISK", "critical", 5001))
                .andThenAPublished(new AlertAcknowledged(77, ENCOUNTER, PATIENT, 2, NOW.plusSeconds(60)))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoScheduledDeadlines();

        assertThat(sender.escalations()).isEmpty();
    }

    @Test
    void cancelsEscalationWhenTheAlertIsResolved() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(raised(77, "SEPSIS_RISK", "critical", 5001))
                .andThenAPublished(new AlertResolved(77, ENCOUNTER, PATIENT, 2, "treated", NOW.plusSeconds(60)))
                .whenTimeElapses(Duration.ofHours(2));

        assertThat(sender.escalations()).isEmpty();
    }

    @Test
    void armsTheNextLevelWhenTheCommandSideConfirmsAnEscalation() throws Exception {
        fixture.givenAPublished(admitted())
                .andThenAPublished(raised(77, "SEPSIS_RISK", "critical", 5001))
                .andThenTimeElapses(Duration.ofMinutes(5))
                .whenPublishingA(new AlertEscalated(77, ENCOUNTER, PATIENT, "critical", 1, NOW.plus(Duration.ofMinutes(5))))
                .expectScheduledDeadline(Duration.ofMinutes(5), new EscalationDue(77, 2));
    }

    @Test
    void stopsEscalatingAtTheMaximumLevel() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(raised(77, "SEPSIS_RISK", "critical", 5001))
                .whenPublishingA(new AlertEscalated(77, ENCOUNTER, PATIENT, "critical", 3, NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void postponesADueDeadlineWhileTheProcessorIsCatchingUp() {
        caughtUp.set(false);
        var given = fixture.givenAPublished(admitted())
                .andThenAPublished(raised(77, "SEPSIS_RISK", "critical", 5001));

        assertThatThrownBy(() -> given.whenTimeElapses(Duration.ofMinutes(6)))
                .hasRootCauseInstanceOf(ProcessingBehind.class);

        assertThat(sender.escalations()).isEmpty();
    }

    @Test
    void schedulesObservationsDueByTheNews2BandAfterEachReading() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).normal().at(NOW).build())
                .expectScheduledDeadline(Duration.ofHours(12), new ObservationsDue(5001, 720));
    }

    @Test
    void shortensObservationsDueForAHighScore() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).news2(25, 91, false, 120, 111, "A", 37.0)
                        .at(NOW).build())
                .expectScheduledDeadline(Duration.ofMinutes(15), new ObservationsDue(5001, 15));
    }

    @Test
    void leavesObservationsDueInPlaceWhenANewReadingMovesItLater() throws Exception {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().respiratoryRate(21).at(NOW).build())
                .andThenTimeElapses(Duration.ofHours(3))
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).normal().respiratoryRate(21)
                        .at(NOW.plus(Duration.ofHours(3))).build())
                .expectScheduledDeadline(Duration.ofHours(1), new ObservationsDue(5001, 240))
                .expectNoScheduledDeadline(Duration.ofHours(4), new ObservationsDue(5002, 240));
    }

    @Test
    void movesObservationsDueToTheNewestReadingWhenItFiresEarly() throws Exception {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().respiratoryRate(21).at(NOW).build())
                .andThenTimeElapses(Duration.ofHours(3))
                .andThenAPublished(reading(5002).of(ENCOUNTER, PATIENT).normal().respiratoryRate(21)
                        .at(NOW.plus(Duration.ofHours(3))).build())
                .whenTimeElapses(Duration.ofHours(1).plusSeconds(1))
                .expectScheduledDeadline(Duration.ofHours(3).minusSeconds(1), new ObservationsDue(5002, 240));
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void movesObservationsDueSoonerAtOnceWhenTheScoreRises() throws Exception {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().at(NOW).build())
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).news2(25, 91, false, 120, 111, "A", 37.0)
                        .at(NOW).build())
                .expectScheduledDeadline(Duration.ofMinutes(15), new ObservationsDue(5002, 15))
                .expectNoScheduledDeadline(Duration.ofHours(12), new ObservationsDue(5001, 720));
    }

    @Test
    void raisesObservationsOverdueForTheNewestReadingAfterMovingTheDeadline() throws Exception {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().respiratoryRate(21).at(NOW).build())
                .andThenTimeElapses(Duration.ofHours(3))
                .andThenAPublished(reading(5002).of(ENCOUNTER, PATIENT).normal().respiratoryRate(21)
                        .at(NOW.plus(Duration.ofHours(3))).build())
                .whenTimeElapses(Duration.ofHours(4).plusSeconds(1));
        assertThat(sender.sent()).extracting(RaiseAlert::alertKey)
                .containsExactly("10:OBSERVATIONS_OVERDUE:5002");
    }

    @Test
    void raisesObservationsOverdueWhenNoReadingFollowsInTime() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().respiratoryRate(21).at(NOW).build())
                .whenTimeElapses(Duration.ofHours(4).plusSeconds(1));

        assertThat(sender.sent()).containsExactly(new RaiseAlert("10:OBSERVATIONS_OVERDUE:5001", ENCOUNTER, PATIENT,
                "OBSERVATIONS_OVERDUE", "medium", "No observations for 240 minutes (NEWS2 band requires every 240 "
                + "minutes)", NOW.plus(Duration.ofHours(4)), 5001,
                "OBSERVATIONS_OVERDUE: no reading within the NEWS2 monitoring interval (RCP 2017 chart 4)",
                Map.of("minutes_since_last_reading", 240.0, "required_interval_minutes", 240.0), null));
    }

    @Test
    void raisesNoObservationsOverdueWhileReadingsKeepComing() throws Exception {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().respiratoryRate(21).at(NOW).build())
                .andThenTimeElapses(Duration.ofHours(3))
                .andThenAPublished(reading(5002).of(ENCOUNTER, PATIENT).normal().respiratoryRate(21)
                        .at(NOW.plus(Duration.ofHours(3))).build())
                .whenTimeElapses(Duration.ofHours(2));

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void cancelsEveryDeadlineOnDischarge() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).temperature(39.0).at(NOW).build())
                .andThenAPublished(raised(77, "FEVER", "medium", 5001))
                .whenPublishingA(new PatientDischarged(ENCOUNTER, PATIENT, 5, NOW.plusSeconds(60)))
                .expectNoScheduledDeadlines();
    }
}
