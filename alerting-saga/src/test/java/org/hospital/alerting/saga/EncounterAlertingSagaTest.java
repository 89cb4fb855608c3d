package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.alerting.saga.ReadingBuilder.reading;
import static org.hospital.alerting.saga.SagaFixtures.ENCOUNTER;
import static org.hospital.alerting.saga.SagaFixtures.NOW;
import static org.hospital.alerting.saga.SagaFixtures.PATIENT;
import static org.hospital.alerting.saga.SagaFixtures.admitted;
import static org.hospital.alerting.saga.SagaFixtures.raised;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.test.saga.SagaTestFixture;
import org.hospital.events.AlertResolved;
import org.hospital.events.PatientDischarged;
import org.hospital.events.RaiseAlert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EncounterAlertingSagaTest {

    private final RecordingAlertCommandSender sender = new RecordingAlertCommandSender();
    private SagaTestFixture<EncounterAlertingSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = SagaFixtures.sagaFixture(sender);
    }

    @Test
    void startsOneSagaPerAdmittedEncounter() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(admitted())
                .expectActiveSagas(1)
                .expectAssociationWith("encounterId", ENCOUNTER);
    }

    @Test
    void requestsOneTachycardiaAlertForAHeartRateOf140() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW).build())
                .expectNoDispatchedCommands();

        assertThat(sender.sent()).first().isEqualTo(new RaiseAlert("10:TACHYCARDIA:5001", ENCOUNTER, PATIENT,
                "TACHYCARDIA", "high", "High Heart Rate detected: 140 BPM", NOW, 5001, "TACHYCARDIA: hr_bpm > 130",
                Map.of("hr_bpm", 140.0), null));
        // A pulse of 140 also scores 3 in NEWS2 (RCP 2017 chart 1): the red-score alert is its own rule.
        assertThat(sender.sent()).extracting(RaiseAlert::type).containsExactly("TACHYCARDIA", "NEWS2_RED_SCORE");
    }

    @Test
    void requestsNothingForANormalHeartRate() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).heartRate(80).at(NOW).build());

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void requestsOneAlertPerBreachedRule() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).heartRate(110).temperature(39.0)
                        .respiratoryRate(22).at(NOW).build());

        assertThat(sender.sent()).extracting(RaiseAlert::alertKey)
                .containsExactly("10:FEVER:5001", "10:SEPSIS_RISK:5001");
        assertThat(sender.sent()).extracting(RaiseAlert::severity).containsExactly("medium", "critical");
    }

    @Test
    void requestsNoSecondAlertWhileTachycardiaIsOpen() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW).build())
                .andThenAPublished(raised(77, "TACHYCARDIA", 5001))
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).heartRate(150).at(NOW.plusSeconds(60)).build());

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void requestsNoSecondAlertWhileTheFirstRequestIsOnItsWay() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW).build())
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).heartRate(145).at(NOW.plusSeconds(5)).build());

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void stillRequestsAlertsOfOtherTypesWhileOneIsOpen() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW).build())
                .andThenAPublished(raised(77, "TACHYCARDIA", 5001))
                .andThenAPublished(raised(78, "NEWS2_RED_SCORE", "medium", 5001))
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).heartRate(140).spo2(85)
                        .at(NOW.plusSeconds(60)).build());

        // Pulse 140 (3) and SpO2 85 (3) on air, alert: NEWS2 6, medium risk (RCP 2017 charts 1 and 3).
        assertThat(sender.sent()).extracting(RaiseAlert::alertKey)
                .containsExactly("10:HYPOXIA:5002", "10:NEWS2_MEDIUM:5002");
    }

    @Test
    void requestsANewAlertAfterTheOpenOneIsResolved() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW).build())
                .andThenAPublished(raised(77, "TACHYCARDIA", 5001))
                .andThenAPublished(new AlertResolved(77, ENCOUNTER, PATIENT, 2, "treated", NOW.plusSeconds(30)))
                .whenPublishingA(reading(5003).of(ENCOUNTER, PATIENT).heartRate(138).at(NOW.plusSeconds(60)).build());

        assertThat(sender.sent()).extracting(RaiseAlert::alertKey).containsExactly("10:TACHYCARDIA:5003");
    }

    @Test
    void keepsTheTypeOpenWhenAnotherAlertIsResolved() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW).build())
                .andThenAPublished(raised(77, "TACHYCARDIA", 5001))
                .andThenAPublished(new AlertResolved(78, ENCOUNTER, PATIENT, 2, "treated", NOW.plusSeconds(30)))
                .whenPublishingA(reading(5003).of(ENCOUNTER, PATIENT).heartRate(138).at(NOW.plusSeconds(60)).build());

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void requestsAgainWhenAnEarlierRequestWasNeverConfirmed() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW.minusSeconds(400))
                        .build())
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW).build());

        assertThat(sender.sent()).extracting(RaiseAlert::alertKey)
                .containsExactly("10:TACHYCARDIA:5002", "10:NEWS2_RED_SCORE:5002");
    }

    @Test
    void requestsNothingAfterDischarge() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(new PatientDischarged(ENCOUNTER, PATIENT, 5, NOW.minusSeconds(10)))
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(NOW).build())
                .expectActiveSagas(0);

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void ignoresASaturationFlaggedProbeOff() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).spo2(85).flags("probe_off").at(NOW).build());

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void evaluatesTheUnflaggedMeasurementsOfAFlaggedReading() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).spo2(85).temperature(39.2)
                        .flags("probe_off").at(NOW).build());

        assertThat(sender.sent()).extracting(RaiseAlert::type).containsExactly("FEVER");
    }

    @Test
    void raisesNoAlertForAReadingMeasuredLongerThanTheMaximumAgeBeforeItWasSent() {
        Instant longAgo = NOW.minus(Duration.ofHours(1)).minusSeconds(1);

        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(longAgo).receivedAt(NOW)
                        .build());

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void stillAlertsOnAReadingMeasuredJustWithinTheMaximumAgeBeforeItWasSent() {
        Instant recent = NOW.minus(Duration.ofHours(1)).plusSeconds(1);

        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(recent).receivedAt(NOW)
                        .build());

        assertThat(sender.sent()).extracting(RaiseAlert::type).containsExactly("TACHYCARDIA", "NEWS2_RED_SCORE");
    }

    @Test
    void ignoresReadingsOfOtherEncounters() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(6001).of(ENCOUNTER + 1, PATIENT + 1).heartRate(140).at(NOW).build())
                .expectActiveSagas(1);

        assertThat(sender.sent()).isEmpty();
    }
}
