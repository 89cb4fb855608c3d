package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.alerting.saga.ReadingBuilder.reading;
import static org.hospital.alerting.saga.SagaFixtures.ENCOUNTER;
import static org.hospital.alerting.saga.SagaFixtures.NOW;
import static org.hospital.alerting.saga.SagaFixtures.PATIENT;
import static org.hospital.alerting.saga.SagaFixtures.admitted;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.test.saga.SagaTestFixture;
import org.hospital.events.News2Breakdown;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.Spo2ScaleChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NEWS2 in the saga: latest fresh value per parameter, SpO2 scale, flags, score reports (RCP 2017). */
class SagaNews2Test {

    private final RecordingAlertCommandSender sender = new RecordingAlertCommandSender();
    private SagaTestFixture<EncounterAlertingSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = SagaFixtures.sagaFixture(sender);
    }

    @Test
    void reportsTheScoreOfAFullSetWithItsBreakdown() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).normal().at(NOW).build());

        assertThat(sender.scores()).containsExactly(new RecordNews2Score(ENCOUNTER, 5001, 0, "low",
                new News2Breakdown(0, 0, 0, 0, 0, 0, 0, 1), 720));
        assertThat(sender.sent()).isEmpty();
    }

    /** RCP 2017 chart 4, with "continuous" as configured: what the board shows as due is what is called overdue. */
    @Test
    void reportsEachScoreWithTheMonitoringIntervalOfItsBand() {
        assertThat(scoredWithFiveMinutesContinuous(reading(5001).normal()))
                .containsExactly(0, "low", 720);
        assertThat(scoredWithFiveMinutesContinuous(reading(5001).normal().heartRate(95)))
                .containsExactly(1, "low", 240);
        assertThat(scoredWithFiveMinutesContinuous(reading(5001).normal().respiratoryRate(25)))
                .containsExactly(3, "low-medium", 60);
        assertThat(scoredWithFiveMinutesContinuous(reading(5001).normal().respiratoryRate(25).spo2(91).heartRate(135)))
                .containsExactly(9, "high", 5);
    }

    private static List<Object> scoredWithFiveMinutesContinuous(ReadingBuilder reading) {
        RecordingAlertCommandSender scores = new RecordingAlertCommandSender();
        SagaFixtures.sagaFixture(scores, Map.of("hospital.alerting.news2-continuous-interval", "PT5M"), () -> true)
                .givenAPublished(admitted())
                .whenPublishingA(reading.of(ENCOUNTER, PATIENT).at(NOW).build());
        RecordNews2Score score = scores.scores().getLast();
        return List.of(score.score(), score.risk(), score.monitoringIntervalMinutes());
    }

    @Test
    void reportsAgainOnlyWhenTheScoreOrRiskChanges() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().at(NOW.minusSeconds(60)).build())
                .andThenAPublished(reading(5002).of(ENCOUNTER, PATIENT).heartRate(72).at(NOW.minusSeconds(30)).build())
                .whenPublishingA(reading(5003).of(ENCOUNTER, PATIENT).heartRate(95).at(NOW).build());

        // Only pulse 95 changed the score (0 -> 1); reading 5002 (pulse 72) changed nothing and sent nothing.
        assertThat(sender.scores()).extracting(RecordNews2Score::readingId, RecordNews2Score::score,
                RecordNews2Score::risk).containsExactly(org.assertj.core.groups.Tuple.tuple(5003L, 1, "low"));
    }

    @Test
    void combinesTheLatestValueOfEachParameterAcrossReadings() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().at(NOW.minusSeconds(600)).build())
                .andThenAPublished(reading(5002).of(ENCOUNTER, PATIENT).respiratoryRate(25)
                        .at(NOW.minusSeconds(300)).build())
                .whenPublishingA(reading(5003).of(ENCOUNTER, PATIENT).heartRate(112).systolic(100).at(NOW).build());

        // RR 25 (3) from 5002, pulse 112 (2) and SBP 100 (2) from 5003, the rest 0 from 5001: 7, high.
        assertThat(sender.sent()).extracting(RaiseAlert::type).containsExactly("NEWS2_HIGH");
        assertThat(sender.sent().getFirst().news2())
                .isEqualTo(new News2Breakdown(3, 0, 0, 2, 2, 0, 0, 1));
        assertThat(sender.sent().getFirst().severity()).isEqualTo("critical");
    }

    @Test
    void dropsValuesOlderThanTheFreshnessWindow() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().respiratoryRate(25)
                        .at(NOW.minus(Duration.ofMinutes(61))).build())
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).heartRate(112).onOxygen(null).consciousness(null)
                        .at(NOW).build());

        // RR 25 is 61 minutes old: only pulse 112 (2) is fresh; no red score from the stale respiration rate.
        assertThat(sender.sent()).isEmpty();
        assertThat(sender.scores().getLast().breakdown())
                .isEqualTo(new News2Breakdown(null, null, null, null, 2, null, null, 1));
    }

    @Test
    void keepsValuesWithinTheFreshnessWindow() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().respiratoryRate(25)
                        .at(NOW.minus(Duration.ofMinutes(60))).build())
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).heartRate(70).at(NOW).build());

        assertThat(sender.sent()).extracting(RaiseAlert::type).containsExactly("NEWS2_RED_SCORE");
    }

    @Test
    void ignoresAFlaggedSaturationForNews2() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).normal().at(NOW.minusSeconds(60)).build())
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).spo2(80).flags("probe_off").at(NOW).build());

        assertThat(sender.sent()).isEmpty();
        assertThat(sender.scores()).isEmpty();
    }

    @Test
    void scoresSaturationOnScale2AfterAClinicianSwitchesScale() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(new Spo2ScaleChanged(ENCOUNTER, PATIENT, 2, 2, NOW.minusSeconds(120)))
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).normal().spo2(89).at(NOW).build());

        // SpO2 89 is 3 on scale 1 but within the 88-92 target on scale 2 (RCP 2017 chart 1).
        assertThat(sender.sent()).extracting(RaiseAlert::type).containsExactly("HYPOXIA");
        assertThat(sender.scores().getFirst().breakdown().spo2Scale()).isEqualTo(2);
        assertThat(sender.scores().getFirst().score()).isZero();
    }

    @Test
    void scoresOverOxygenationOnScale2() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(new Spo2ScaleChanged(ENCOUNTER, PATIENT, 2, 2, NOW.minusSeconds(120)))
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).normal().spo2(97).onOxygen(true).at(NOW).build());

        // SpO2 97 on oxygen scores 3 on scale 2, oxygen 2: aggregate 5, a red score too.
        assertThat(sender.sent()).extracting(RaiseAlert::type).containsExactly("NEWS2_MEDIUM", "NEWS2_RED_SCORE");
        assertThat(sender.scores().getFirst().risk()).isEqualTo("medium");
    }

    @Test
    void raisesARedScoreForNewConfusion() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).normal().consciousness("C").at(NOW).build());

        assertThat(sender.sent()).extracting(RaiseAlert::type, RaiseAlert::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NEWS2_RED_SCORE", "medium"));
        assertThat(sender.scores().getFirst().risk()).isEqualTo("low-medium");
    }

    @Test
    void putsTheRuleTheValuesAndTheBreakdownIntoANews2Alert() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).news2(22, 95, true, 120, 70, "A", 37.0)
                        .at(NOW).build());

        // RR 22 (2), SpO2 95 (1), oxygen (2): 5, medium risk.
        RaiseAlert alert = sender.sent().getFirst();
        assertThat(alert.type()).isEqualTo("NEWS2_MEDIUM");
        assertThat(alert.severity()).isEqualTo("high");
        assertThat(alert.rule()).isEqualTo("NEWS2_MEDIUM: aggregate 5-6 (RCP 2017 chart 3)");
        assertThat(alert.values()).containsAllEntriesOf(Map.of("resp_rate", 22.0, "spo2_pct", 95.0, "on_oxygen", 1.0,
                "news2_score", 5.0));
        assertThat(alert.news2()).isEqualTo(new News2Breakdown(2, 1, 2, 0, 0, 0, 0, 1));
        assertThat(alert.message()).isEqualTo("NEWS2 score 5: medium clinical risk");
    }
}
