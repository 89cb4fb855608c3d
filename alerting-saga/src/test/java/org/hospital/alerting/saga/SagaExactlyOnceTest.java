package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.alerting.saga.ReadingBuilder.reading;
import static org.hospital.alerting.saga.SagaFixtures.ENCOUNTER;
import static org.hospital.alerting.saga.SagaFixtures.NOW;
import static org.hospital.alerting.saga.SagaFixtures.PATIENT;
import static org.hospital.alerting.saga.SagaFixtures.admitted;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.saga.SagaTestFixture;
import org.hospital.events.AlertCommand;
import org.hospital.events.AlertRaised;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.VitalsRecorded;
import org.junit.jupiter.api.Test;

/** Redelivery, replay and a fresh start on history never produce a new or different request (issue §5). */
class SagaExactlyOnceTest {

    private final RecordingAlertCommandSender sender = new RecordingAlertCommandSender();
    private final SagaTestFixture<EncounterAlertingSaga> fixture = SagaFixtures.sagaFixture(sender);

    @Test
    void sendsNothingWhenTheSameReadingIsDeliveredTwice() {
        VitalsRecorded sepsis = reading(5001).of(ENCOUNTER, PATIENT).heartRate(120).temperature(39.0)
                .respiratoryRate(26).at(NOW).build();

        fixture.givenAPublished(admitted())
                .andThenAPublished(sepsis)
                .whenPublishingA(sepsis);

        assertThat(sender.all()).isEmpty();
    }

    @Test
    void sendsNothingForReadingsReceivedBeforeTheAlertingSideFirstStarted() {
        Instant longAgo = NOW.minus(Duration.ofHours(2));
        SagaTestFixture<EncounterAlertingSaga> fixture = SagaFixtures.sagaFixture(sender, Map.of(), () -> true,
                new LiveSince(NOW));

        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().at(longAgo).build())
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).heartRate(150).spo2(80).respiratoryRate(30)
                        .at(longAgo.plusSeconds(60)).build());

        assertThat(sender.all()).isEmpty();
    }

    /** Issue 14 §5: a backlog two hours long must not swallow the alerts of the readings in it. */
    @Test
    void raisesTheAlertsOfLiveReadingsEvaluatedHoursAfterTheyWereReceived() {
        Instant twoHoursAgo = NOW.minus(Duration.ofHours(2));

        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(twoHoursAgo).build());

        assertThat(sender.sent()).extracting(RaiseAlert::alertKey)
                .containsExactly("10:TACHYCARDIA:5001", "10:NEWS2_RED_SCORE:5001");
    }

    @Test
    void countsALiveBreachOfAnAlertOpenedInHistoryAsARepeat() {
        Instant longAgo = NOW.minus(Duration.ofHours(2));
        SagaTestFixture<EncounterAlertingSaga> fixture = SagaFixtures.sagaFixture(sender, Map.of(), () -> true,
                new LiveSince(NOW));

        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).temperature(39.0).at(longAgo).build())
                .andThenAPublished(new AlertRaised(77, ENCOUNTER, PATIENT, "FEVER", "medium", "fever", longAgo, 5001,
                        longAgo.plusSeconds(1)))
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).temperature(39.1).at(NOW).build());

        assertThat(sender.sent()).isEmpty();
        assertThat(sender.repeats()).extracting(RecordAlertRepeat::alertId).containsExactly(77L);
    }

    @Test
    void requestsTheSameAlertsWhateverTheMomentOfProcessing() {
        List<AlertCommand> live = replay(NOW);
        List<AlertCommand> processedLater = replay(NOW.plus(Duration.ofMinutes(40)));

        assertThat(live).isNotEmpty().isEqualTo(processedLater);
        assertThat(live).filteredOn(RaiseAlert.class::isInstance).extracting(c -> ((RaiseAlert) c).alertKey())
                .containsExactly("10:TACHYCARDIA:5001", "10:NEWS2_RED_SCORE:5001", "10:HYPOXIA:5002",
                        "10:NEWS2_MEDIUM:5002");
    }

    /** The same events processed with the clock at {@code processedAt} by a saga with no state. */
    private static List<AlertCommand> replay(Instant processedAt) {
        RecordingAlertCommandSender recorder = new RecordingAlertCommandSender();
        SagaTestFixture<EncounterAlertingSaga> replay = SagaFixtures.sagaFixture(recorder, Map.of(), () -> true);
        replay.givenCurrentTime(processedAt)
                .andThenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW).build())
                .andThenAPublished(reading(5002).of(ENCOUNTER, PATIENT).heartRate(140).spo2(85)
                        .at(NOW.plusSeconds(30)).build());
        return recorder.all();
    }
}
