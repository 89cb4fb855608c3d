package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.alerting.saga.ReadingBuilder.reading;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.saga.SagaTestFixture;
import org.hospital.alerting.AlertingSettings;
import org.hospital.alerting.TestSettings;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertResolved;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.RaiseAlert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EncounterAlertingSagaTest {

    private static final long ENCOUNTER = 10;
    private static final long PATIENT = 1;
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final RecordingAlertCommandSender sender = new RecordingAlertCommandSender();
    private SagaTestFixture<EncounterAlertingSaga> fixture;

    @BeforeEach
    void setUp() {
        AlertingSettings settings = TestSettings.defaults();
        fixture = new SagaTestFixture<>(EncounterAlertingSaga.class);
        fixture.registerResource(sender);
        fixture.registerResource(new ReadingEvaluator(settings, Clock.fixed(NOW, ZoneOffset.UTC)));
        fixture.registerResource(settings);
        // Only what the saga sends in reaction to the event under test counts.
        fixture.registerStartRecordingCallback(sender::clear);
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

        assertThat(sender.sent()).containsExactly(new RaiseAlert("10:TACHYCARDIA:5001", ENCOUNTER, PATIENT,
                "TACHYCARDIA", "high", "High Heart Rate detected: 140 BPM", NOW, 5001));
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
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).heartRate(140).spo2(85)
                        .at(NOW.plusSeconds(60)).build());

        assertThat(sender.sent()).extracting(RaiseAlert::alertKey).containsExactly("10:HYPOXIA:5002");
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

        assertThat(sender.sent()).extracting(RaiseAlert::alertKey).containsExactly("10:TACHYCARDIA:5002");
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
    void raisesNoAlertForAReadingOlderThanTheMaximumAge() {
        Instant longAgo = NOW.minus(Duration.ofHours(1)).minusSeconds(1);

        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(longAgo).build());

        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void stillAlertsOnAReadingJustWithinTheMaximumAge() {
        Instant recent = NOW.minus(Duration.ofHours(1)).plusSeconds(1);

        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).heartRate(140).at(recent).build());

        assertThat(sender.sent()).extracting(RaiseAlert::type).containsExactly("TACHYCARDIA");
    }

    @Test
    void ignoresReadingsOfOtherEncounters() {
        fixture.givenAPublished(admitted())
                .whenPublishingA(reading(6001).of(ENCOUNTER + 1, PATIENT + 1).heartRate(140).at(NOW).build())
                .expectActiveSagas(1);

        assertThat(sender.sent()).isEmpty();
    }

    private static PatientAdmitted admitted() {
        return new PatientAdmitted(ENCOUNTER, PATIENT, 2, 5, "101A", "ICU", NOW.minusSeconds(3600));
    }

    private static AlertRaised raised(long alertId, String type, long readingId) {
        return new AlertRaised(alertId, ENCOUNTER, PATIENT, type, "high", "message", NOW, readingId, NOW);
    }
}
