package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.alerting.saga.ReadingBuilder.reading;
import static org.hospital.alerting.saga.SagaFixtures.ENCOUNTER;
import static org.hospital.alerting.saga.SagaFixtures.NOW;
import static org.hospital.alerting.saga.SagaFixtures.PATIENT;
import static org.hospital.alerting.saga.SagaFixtures.admitted;
import static org.hospital.alerting.saga.SagaFixtures.raised;

import org.axonframework.test.saga.SagaTestFixture;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertResolved;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One open alert per encounter and type; repeats counted on it (docs/api.md, Alert rules, alarm-fatigue rules). */
class SagaAlarmFatigueTest {

    private final RecordingAlertCommandSender sender = new RecordingAlertCommandSender();
    private SagaTestFixture<EncounterAlertingSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = SagaFixtures.sagaFixture(sender);
    }

    @Test
    void countsANewBreachOfAnOpenTypeAsARepeat() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).temperature(39.0).at(NOW).build())
                .andThenAPublished(raised(77, "FEVER", "medium", 5001))
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).temperature(39.4).at(NOW.plusSeconds(60)).build());

        assertThat(sender.sent()).isEmpty();
        assertThat(sender.repeats()).containsExactly(
                new RecordAlertRepeat(77, ENCOUNTER, 5002, "medium", NOW.plusSeconds(60)));
    }

    @Test
    void keepsCountingRepeatsWhileTheAlertIsAcknowledged() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).temperature(39.0).at(NOW).build())
                .andThenAPublished(raised(77, "FEVER", "medium", 5001))
                .andThenAPublished(new AlertAcknowledged(77, ENCOUNTER, PATIENT, 2, NOW.plusSeconds(30)))
                .whenPublishingA(reading(5002).of(ENCOUNTER, PATIENT).temperature(39.4).at(NOW.plusSeconds(60)).build());

        assertThat(sender.sent()).isEmpty();
        assertThat(sender.repeats()).extracting(RecordAlertRepeat::alertId, RecordAlertRepeat::readingId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(77L, 5002L));
    }

    @Test
    void sendsRepeatsSeenBeforeTheAlertWasConfirmedOnceItIs() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).temperature(39.0).at(NOW).build())
                .andThenAPublished(reading(5002).of(ENCOUNTER, PATIENT).temperature(39.1).at(NOW.plusSeconds(5)).build())
                .whenPublishingA(raised(77, "FEVER", "medium", 5001));

        assertThat(sender.repeats()).containsExactly(
                new RecordAlertRepeat(77, ENCOUNTER, 5002, "medium", NOW.plusSeconds(5)));
    }

    @Test
    void raisesANewAlertOnlyAfterResolutionNotAfterAcknowledgement() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).temperature(39.0).at(NOW).build())
                .andThenAPublished(raised(77, "FEVER", "medium", 5001))
                .andThenAPublished(new AlertAcknowledged(77, ENCOUNTER, PATIENT, 2, NOW.plusSeconds(10)))
                .andThenAPublished(new AlertResolved(77, ENCOUNTER, PATIENT, 2, "treated", NOW.plusSeconds(20)))
                .whenPublishingA(reading(5003).of(ENCOUNTER, PATIENT).temperature(39.2).at(NOW.plusSeconds(60)).build());

        assertThat(sender.sent()).extracting(RaiseAlert::alertKey).containsExactly("10:FEVER:5003");
        assertThat(sender.repeats()).isEmpty();
    }

    @Test
    void countsNoRepeatForTheReadingThatOpenedTheAlert() {
        fixture.givenAPublished(admitted())
                .andThenAPublished(reading(5001).of(ENCOUNTER, PATIENT).temperature(39.0).at(NOW).build())
                .andThenAPublished(raised(77, "FEVER", "medium", 5001))
                .whenPublishingA(reading(5001).of(ENCOUNTER, PATIENT).temperature(39.0).at(NOW).build());

        assertThat(sender.all()).isEmpty();
    }
}
