package org.hospital.command.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.events.AlertStatus;
import org.hospital.events.EscalateAlert;
import org.hospital.events.News2Breakdown;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant MEASURED = NOW.minusSeconds(20);

    private AggregateTestFixture<Alert> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Alert.class);
        fixture.registerCommandTargetResolver(new AlertTargets());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, Long> keys = new HashMap<>();
        AlertKeys alertKeys = key -> keys.containsKey(key)
                ? Optional.empty() : Optional.of(keys.computeIfAbsent(key, k -> 7L + keys.size()));
        fixture.registerAnnotatedCommandHandler(
                new AlertRequests(alertKeys, fixture.getRepository(), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static RaiseAlert tachycardia() {
        return new RaiseAlert("101:TACHYCARDIA:9001", 101, 1, "TACHYCARDIA", "high",
                "High Heart Rate detected: 140 BPM", MEASURED, 9001);
    }

    private static AlertRaised raised() {
        return new AlertRaised(7, 101, 1, "TACHYCARDIA", "high", "High Heart Rate detected: 140 BPM", MEASURED, 9001,
                NOW);
    }

    private static RecordAlertRepeat repeat(long readingId, String severity, Instant seenAt) {
        return new RecordAlertRepeat(7, 101, readingId, severity, seenAt);
    }

    private static AlertRepeated repeated(long readingId, String severity, int occurrences, Instant lastSeenAt) {
        return new AlertRepeated(7, 101, 1, readingId, severity, occurrences, lastSeenAt);
    }

    @Test
    void raisesAnAlertForANewKey() {
        fixture.givenNoPriorActivity()
                .when(tachycardia())
                .expectEvents(raised())
                .expectResultMessagePayload(Optional.of(7L));
    }

    @Test
    void raisesAnAlertWithItsEvidence() {
        News2Breakdown breakdown = new News2Breakdown(3, 2, 0, 0, 1, 0, null, 1);
        fixture.givenNoPriorActivity()
                .when(new RaiseAlert("101:NEWS2_HIGH:9001", 101, 1, "NEWS2_HIGH", "critical", "NEWS2 score 7",
                        MEASURED, 9001, "NEWS2 aggregate >= 7 (RCP 2017)", Map.of("resp_rate", 26.0), breakdown))
                .expectEvents(new AlertRaised(7, 101, 1, "NEWS2_HIGH", "critical", "NEWS2 score 7", MEASURED, 9001,
                        NOW, "NEWS2 aggregate >= 7 (RCP 2017)", Map.of("resp_rate", 26.0), breakdown));
    }

    @Test
    void opensNoSecondAlertForTheSameKey() {
        fixture.givenNoPriorActivity()
                .andGivenCommands(tachycardia())
                .when(tachycardia())
                .expectNoEvents()
                .expectResultMessagePayload(Optional.empty());
    }

    @Test
    void acknowledgesAnOpenAlert() {
        fixture.given(raised())
                .when(new AcknowledgeAlert(7, 3, NOW))
                .expectEvents(new AlertAcknowledged(7, 101, 1, 3, NOW))
                .expectResultMessagePayload(AlertStatus.ACKNOWLEDGED);
    }

    @Test
    void acknowledgingTwiceChangesNothing() {
        fixture.given(raised(), new AlertAcknowledged(7, 101, 1, 3, NOW))
                .when(new AcknowledgeAlert(7, 4, NOW))
                .expectNoEvents()
                .expectResultMessagePayload(AlertStatus.ACKNOWLEDGED);
    }

    @Test
    void resolvesAnAcknowledgedAlert() {
        fixture.given(raised(), new AlertAcknowledged(7, 101, 1, 3, NOW))
                .when(new ResolveAlert(7, 3, "treated", NOW))
                .expectEvents(new AlertResolved(7, 101, 1, 3, "treated", NOW))
                .expectResultMessagePayload(AlertStatus.RESOLVED);
    }

    @Test
    void rejectsResolvingTwice() {
        fixture.given(raised(), new AlertResolved(7, 101, 1, 3, "treated", NOW))
                .when(new ResolveAlert(7, 3, null, NOW))
                .expectNoEvents()
                .expectException(AlertAlreadyResolved.class);
    }

    @Test
    void rejectsAcknowledgingAResolvedAlert() {
        fixture.given(raised(), new AlertResolved(7, 101, 1, 3, "treated", NOW))
                .when(new AcknowledgeAlert(7, 3, NOW))
                .expectNoEvents()
                .expectException(AlertAlreadyResolved.class);
    }

    @Test
    void countsARepeatedBreachOfAnOpenAlert() {
        fixture.given(raised())
                .when(repeat(9002, "high", NOW))
                .expectEvents(repeated(9002, "high", 2, NOW));
    }

    @Test
    void countsARedeliveredRepeatOnce() {
        fixture.given(raised(), repeated(9002, "high", 2, NOW))
                .when(repeat(9002, "high", NOW))
                .expectNoEvents();
    }

    @Test
    void neverCountsTheReadingThatRaisedTheAlert() {
        fixture.given(raised())
                .when(repeat(9001, "high", MEASURED))
                .expectNoEvents();
    }

    @Test
    void countsARepeatOfAnAcknowledgedAlert() {
        fixture.given(raised(), new AlertAcknowledged(7, 101, 1, 3, NOW), repeated(9002, "high", 2, NOW))
                .when(repeat(9003, "high", NOW.plusSeconds(5)))
                .expectEvents(repeated(9003, "high", 3, NOW.plusSeconds(5)));
    }

    @Test
    void ignoresARepeatOfAResolvedAlert() {
        fixture.given(raised(), new AlertResolved(7, 101, 1, 3, "treated", NOW))
                .when(repeat(9002, "critical", NOW))
                .expectNoEvents();
    }

    @Test
    void raisesTheSeverityWhenARepeatIsMoreUrgent() {
        fixture.given(raised())
                .when(repeat(9002, "critical", NOW))
                .expectEvents(repeated(9002, "critical", 2, NOW));
    }

    @Test
    void keepsTheHigherSeverityWhenARepeatIsLessUrgent() {
        fixture.given(raised(), repeated(9002, "critical", 2, NOW))
                .when(repeat(9003, "medium", NOW.plusSeconds(5)))
                .expectEvents(repeated(9003, "critical", 3, NOW.plusSeconds(5)));
    }

    @Test
    void countsALateReadingWithoutMovingLastSeenBack() {
        fixture.given(raised(), repeated(9005, "high", 2, NOW))
                .when(repeat(9003, "high", NOW.minusSeconds(10)))
                .expectEvents(repeated(9003, "high", 3, NOW));
    }

    @Test
    void takesTheTimeOfReceiptWhenARepeatCarriesNoTime() {
        fixture.given(raised())
                .when(repeat(9002, "high", null))
                .expectEvents(repeated(9002, "high", 2, NOW));
    }

    @Test
    void refusesARepeatNamingAnotherEncounter() {
        fixture.given(raised())
                .when(new RecordAlertRepeat(7, 999, 9002, "high", NOW))
                .expectNoEvents()
                .expectException(InvalidAlertCommand.class);
    }

    @Test
    void escalatesAnOpenAlertAtItsCurrentSeverity() {
        fixture.given(raised(), repeated(9002, "critical", 2, NOW))
                .when(new EscalateAlert(7, 101, 1))
                .expectEvents(new AlertEscalated(7, 101, 1, "critical", 1, NOW));
    }

    @Test
    void escalatesToTheNextLevel() {
        fixture.given(raised(), new AlertEscalated(7, 101, 1, "high", 1, NOW))
                .when(new EscalateAlert(7, 101, 2))
                .expectEvents(new AlertEscalated(7, 101, 1, "high", 2, NOW));
    }

    @Test
    void escalatesARedeliveredLevelOnce() {
        fixture.given(raised(), new AlertEscalated(7, 101, 1, "high", 1, NOW))
                .when(new EscalateAlert(7, 101, 1))
                .expectNoEvents();
    }

    @Test
    void neverEscalatesBackToALowerLevel() {
        fixture.given(raised(), new AlertEscalated(7, 101, 1, "high", 1, NOW),
                        new AlertEscalated(7, 101, 1, "high", 2, NOW))
                .when(new EscalateAlert(7, 101, 1))
                .expectNoEvents();
    }

    @Test
    void neverEscalatesAnAcknowledgedAlert() {
        fixture.given(raised(), new AlertAcknowledged(7, 101, 1, 3, NOW))
                .when(new EscalateAlert(7, 101, 1))
                .expectNoEvents();
    }

    @Test
    void neverEscalatesAResolvedAlert() {
        fixture.given(raised(), new AlertResolved(7, 101, 1, 3, "treated", NOW))
                .when(new EscalateAlert(7, 101, 1))
                .expectNoEvents();
    }

    @Test
    void refusesAnEscalationNamingAnotherEncounter() {
        fixture.given(raised())
                .when(new EscalateAlert(7, 999, 1))
                .expectNoEvents()
                .expectException(InvalidAlertCommand.class);
    }
}
