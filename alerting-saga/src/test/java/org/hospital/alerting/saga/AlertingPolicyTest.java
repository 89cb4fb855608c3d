package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.alerting.saga.ReadingBuilder.reading;
import static org.hospital.alerting.saga.SagaFixtures.ENCOUNTER;
import static org.hospital.alerting.saga.SagaFixtures.NOW;
import static org.hospital.alerting.saga.SagaFixtures.PATIENT;
import static org.hospital.alerting.saga.SagaFixtures.RUNNING_SINCE_YESTERDAY;
import static org.hospital.alerting.saga.SagaFixtures.raised;

import java.time.Duration;
import java.time.Instant;
import org.hospital.alerting.AlertingSettings;
import org.hospital.alerting.TestSettings;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.EscalateAlert;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.VitalsRecorded;
import org.junit.jupiter.api.Test;

/**
 * The alerting decisions on their own, without Axon: state and event in, state, requests and deadline changes out.
 * The scenarios through Axon's saga machinery are in the {@code Saga*Test} classes.
 */
class AlertingPolicyTest {

    private final AlertingSettings settings = TestSettings.defaults();
    private final AlertingPolicy policy = new AlertingPolicy(settings,
            new ReadingEvaluator(settings, RUNNING_SINCE_YESTERDAY));
    private final EncounterState admitted = EncounterState.admitted(ENCOUNTER, PATIENT);

    @Test
    void requestsAnAlertForABreachAndRemembersItAsRequested() {
        Decision decision = policy.reading(admitted, fever(5001, NOW));

        // The alert first, then the NEWS2 score the reading changed.
        assertThat(decision.requests()).filteredOn(RaiseAlert.class::isInstance).hasSize(1);
        RaiseAlert raise = (RaiseAlert) decision.requests().getFirst();
        assertThat(raise.alertKey()).isEqualTo(ENCOUNTER + ":FEVER:5001");
        assertThat(raise.severity()).isEqualTo("medium");
        assertThat(decision.state().alerts().get("FEVER"))
                .isEqualTo(TrackedAlert.requested(raise.alertKey(), "medium", 5001, NOW));
        assertThat(decision.needsCurrentState()).isFalse();
    }

    @Test
    void aFurtherBreachOfAnOpenAlertIsARepeatNotASecondAlert() {
        EncounterState open = policy.alertRaised(policy.reading(admitted, fever(5001, NOW)).state(),
                raised(77, "FEVER", "medium", 5001)).state();

        Decision decision = policy.reading(open, fever(5002, NOW.plusSeconds(60)));

        assertThat(decision.requests()).noneMatch(RaiseAlert.class::isInstance)
                .contains(new RecordAlertRepeat(77, ENCOUNTER, 5002, "medium", NOW.plusSeconds(60)));
    }

    @Test
    void keepsABreachSeenBeforeTheAlertIsConfirmedAndSendsItAsARepeatOnConfirmation() {
        EncounterState requested = policy.reading(admitted, fever(5001, NOW)).state();
        Decision second = policy.reading(requested, fever(5002, NOW.plusSeconds(60)));

        assertThat(second.requests()).noneMatch(r -> r instanceof RaiseAlert || r instanceof RecordAlertRepeat);
        Decision confirmed = policy.alertRaised(second.state(), raised(77, "FEVER", "medium", 5001));

        assertThat(confirmed.requests())
                .containsExactly(new RecordAlertRepeat(77, ENCOUNTER, 5002, "medium", NOW.plusSeconds(60)));
        assertThat(confirmed.state().alerts().get("FEVER").alertId()).isEqualTo(77);
    }

    @Test
    void aRedeliveredReadingChangesNothingAndRequestsNothing() {
        EncounterState applied = policy.reading(admitted, fever(5001, NOW)).state();

        Decision again = policy.reading(applied, fever(5001, NOW));

        assertThat(again).isEqualTo(Decision.of(applied));
    }

    @Test
    void historyUpdatesTheLatestValuesButRequestsNothing() {
        Instant lastWeek = NOW.minus(Duration.ofDays(7));

        Decision decision = policy.reading(admitted, fever(5001, lastWeek));

        assertThat(decision.requests()).isEmpty();
        assertThat(decision.state().vitals().tempC().value()).isEqualTo(39.5);
        assertThat(decision.state().alerts()).isEmpty();
    }

    @Test
    void reportsTheNews2ScoreOnlyWhenScoreOrRiskChanges() {
        Decision first = policy.reading(admitted, normal(5001, NOW));
        Decision same = policy.reading(first.state(), normal(5002, NOW.plusSeconds(60)));
        Decision higher = policy.reading(same.state(),
                reading(5003).of(ENCOUNTER, PATIENT).normal().respiratoryRate(22).at(NOW.plusSeconds(120)).build());

        assertThat(first.requests()).filteredOn(RecordNews2Score.class::isInstance)
                .extracting(r -> ((RecordNews2Score) r).score()).containsExactly(0);
        assertThat(same.requests()).noneMatch(RecordNews2Score.class::isInstance);
        assertThat(higher.requests()).filteredOn(RecordNews2Score.class::isInstance)
                .extracting(r -> ((RecordNews2Score) r).score()).containsExactly(2);
        assertThat(higher.state().news2Score()).isEqualTo(2);
    }

    @Test
    void schedulesObservationsDueByTheNews2BandAndMovesItOnlyWhenDueSooner() {
        Decision first = policy.reading(admitted, normal(5001, NOW));
        assertThat(first.deadlineChanges()).containsExactly(new DeadlineChange.ScheduleObservationsDue(
                new ObservationsDue(5001, 720), NOW.plus(Duration.ofHours(12))));
        EncounterState scheduled = first.state().withOverdueScheduled("overdue-1");

        Decision later = policy.reading(scheduled, normal(5002, NOW.plusSeconds(60)));
        Decision sooner = policy.reading(later.state(), reading(5003).of(ENCOUNTER, PATIENT).normal()
                .respiratoryRate(22).at(NOW.plusSeconds(120)).build());

        assertThat(later.deadlineChanges()).isEmpty();
        assertThat(sooner.deadlineChanges()).containsExactly(
                new DeadlineChange.CancelObservationsDue("overdue-1"),
                new DeadlineChange.ScheduleObservationsDue(new ObservationsDue(5003, 240),
                        NOW.plusSeconds(120).plus(Duration.ofHours(4))));
    }

    @Test
    void anObservationsDeadlineAfterATimelyReadingMovesOnWithoutActing() {
        EncounterState scheduled = policy.reading(admitted, normal(5001, NOW)).state().withOverdueScheduled("o-1");
        EncounterState readAgain = policy.reading(scheduled, normal(5002, NOW.plus(Duration.ofHours(11)))).state();

        Decision decision = policy.observationsDue(readAgain, new ObservationsDue(5001, 720),
                NOW.plus(Duration.ofHours(12)));

        assertThat(decision.requests()).isEmpty();
        assertThat(decision.needsCurrentState()).isFalse();
        assertThat(decision.deadlineChanges()).containsExactly(new DeadlineChange.ScheduleObservationsDue(
                new ObservationsDue(5002, 720), NOW.plus(Duration.ofHours(23))));
    }

    @Test
    void raisesObservationsOverdueWhenNoReadingCameInTimeAndOnlyOnCurrentState() {
        EncounterState scheduled = policy.reading(admitted, normal(5001, NOW)).state().withOverdueScheduled("o-1");

        Decision decision = policy.observationsDue(scheduled, new ObservationsDue(5001, 720),
                NOW.plus(Duration.ofHours(12)));

        assertThat(decision.needsCurrentState()).isTrue();
        assertThat(decision.requests()).singleElement().isInstanceOfSatisfying(RaiseAlert.class, raise -> {
            assertThat(raise.type()).isEqualTo("OBSERVATIONS_OVERDUE");
            assertThat(raise.alertKey()).isEqualTo(ENCOUNTER + ":OBSERVATIONS_OVERDUE:5001");
            assertThat(raise.timestamp()).isEqualTo(NOW.plus(Duration.ofHours(12)));
        });
        assertThat(decision.state().overdueScheduleId()).isNull();
    }

    @Test
    void escalatesByLevelUntilAcknowledgedAndCancelsTheScheduleOnAcknowledgement() {
        Decision raisedDecision = policy.alertRaised(admitted, raised(77, "FEVER", "medium", 5001));
        assertThat(raisedDecision.deadlineChanges()).containsExactly(new DeadlineChange.ScheduleEscalation(
                new EscalationDue(77, 1), NOW.plus(Duration.ofMinutes(60))));
        EncounterState armed = raisedDecision.state().withEscalationScheduled(77, "esc-1");

        Decision due = policy.escalationDue(armed, new EscalationDue(77, 1));
        assertThat(due.requests()).containsExactly(new EscalateAlert(77, ENCOUNTER, 1));
        assertThat(due.needsCurrentState()).isTrue();
        assertThat(policy.escalationDue(armed, new EscalationDue(77, 2))).isEqualTo(Decision.of(armed));

        Instant escalatedAt = NOW.plus(Duration.ofMinutes(60));
        Decision escalated = policy.alertEscalated(armed,
                new AlertEscalated(77, ENCOUNTER, PATIENT, "medium", 1, escalatedAt), escalatedAt);
        assertThat(escalated.deadlineChanges()).containsExactly(new DeadlineChange.CancelEscalation("esc-1"),
                new DeadlineChange.ScheduleEscalation(new EscalationDue(77, 2), escalatedAt.plusSeconds(3600)));

        EncounterState level2 = escalated.state().withEscalationScheduled(77, "esc-2");
        Decision acknowledged = policy.alertAcknowledged(level2,
                new AlertAcknowledged(77, ENCOUNTER, PATIENT, 2, escalatedAt.plusSeconds(30)));
        assertThat(acknowledged.deadlineChanges()).containsExactly(new DeadlineChange.CancelEscalation("esc-2"));
        assertThat(acknowledged.state().escalations()).isEmpty();
        assertThat(acknowledged.state().alerts().get("FEVER").acknowledged()).isTrue();
    }

    @Test
    void dischargeCancelsEveryDeadlineAndForgetsTheAlerts() {
        EncounterState state = policy.alertRaised(policy.reading(admitted, fever(5001, NOW)).state(),
                raised(77, "FEVER", "medium", 5001)).state()
                .withEscalationScheduled(77, "esc-1")
                .withOverdueScheduled("overdue-1");

        Decision decision = policy.discharged(state);

        assertThat(decision.deadlineChanges()).containsExactlyInAnyOrder(
                new DeadlineChange.CancelEscalation("esc-1"), new DeadlineChange.CancelObservationsDue("overdue-1"));
        assertThat(decision.state().alerts()).isEmpty();
        assertThat(decision.state().escalations()).isEmpty();
        assertThat(decision.requests()).isEmpty();
    }

    private static VitalsRecorded fever(long readingId, Instant at) {
        return reading(readingId).of(ENCOUNTER, PATIENT).normal().temperature(39.5).at(at).build();
    }

    private static VitalsRecorded normal(long readingId, Instant at) {
        return reading(readingId).of(ENCOUNTER, PATIENT).normal().at(at).build();
    }
}
