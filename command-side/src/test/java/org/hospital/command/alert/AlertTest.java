package org.hospital.command.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertResolved;
import org.hospital.events.RaiseAlert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant MEASURED = NOW.minusSeconds(20);

    private AggregateTestFixture<Alert> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Alert.class);
        Map<String, Long> keys = new HashMap<>();
        AlertKeys alertKeys = key -> keys.containsKey(key)
                ? Optional.empty() : Optional.of(keys.computeIfAbsent(key, k -> 7L + keys.size()));
        fixture.registerAnnotatedCommandHandler(
                new RaiseAlertHandler(alertKeys, fixture.getRepository(), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static RaiseAlert tachycardia() {
        return new RaiseAlert("101:TACHYCARDIA:9001", 101, 1, "TACHYCARDIA", "high",
                "High Heart Rate detected: 140 BPM", MEASURED, 9001);
    }

    private static AlertRaised raised() {
        return new AlertRaised(7, 101, 1, "TACHYCARDIA", "high", "High Heart Rate detected: 140 BPM", MEASURED, 9001,
                NOW);
    }

    @Test
    void raisesAnAlertForANewKey() {
        fixture.givenNoPriorActivity()
                .when(tachycardia())
                .expectEvents(raised())
                .expectResultMessagePayload(Optional.of(7L));
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
}
