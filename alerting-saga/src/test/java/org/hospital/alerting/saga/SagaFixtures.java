package org.hospital.alerting.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.test.saga.SagaTestFixture;
import org.hospital.alerting.AlertingSettings;
import org.hospital.alerting.TestSettings;
import org.hospital.events.AlertRaised;
import org.hospital.events.PatientAdmitted;

/** The saga in Axon's fixture with its collaborators, the fixture's time as the clock. */
final class SagaFixtures {

    static final long ENCOUNTER = 10;
    static final long PATIENT = 1;
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    /** The alerting side has run since the day before: every reading of a test is live unless it says otherwise. */
    static final LiveSince RUNNING_SINCE_YESTERDAY = new LiveSince(NOW.minus(Duration.ofDays(1)));

    private SagaFixtures() {
    }

    static SagaTestFixture<EncounterAlertingSaga> sagaFixture(RecordingAlertCommandSender sender) {
        return sagaFixture(sender, Map.of(), () -> true);
    }

    static SagaTestFixture<EncounterAlertingSaga> sagaFixture(RecordingAlertCommandSender sender,
                                                              Map<String, String> properties,
                                                              ProcessingProgress progress) {
        return sagaFixture(sender, properties, progress, RUNNING_SINCE_YESTERDAY);
    }

    static SagaTestFixture<EncounterAlertingSaga> sagaFixture(RecordingAlertCommandSender sender,
                                                              Map<String, String> properties,
                                                              ProcessingProgress progress, LiveSince liveSince) {
        AlertingSettings settings = TestSettings.with(properties);
        SagaTestFixture<EncounterAlertingSaga> fixture = new SagaTestFixture<>(EncounterAlertingSaga.class);
        Clock clock = new FixtureClock(fixture::currentTime);
        fixture.registerResource(sender);
        fixture.registerResource(new AlertingPolicy(settings, new ReadingEvaluator(settings, liveSince)));
        fixture.registerResource(clock);
        fixture.registerResource(progress);
        // Only what the saga sends in reaction to the event under test counts.
        fixture.registerStartRecordingCallback(sender::clear);
        fixture.givenCurrentTime(NOW);
        return fixture;
    }

    static PatientAdmitted admitted() {
        return new PatientAdmitted(ENCOUNTER, PATIENT, 2, 5, "101A", "ICU", NOW.minusSeconds(3600));
    }

    static AlertRaised raised(long alertId, String type, String severity, long readingId) {
        return new AlertRaised(alertId, ENCOUNTER, PATIENT, type, severity, "message", NOW, readingId, NOW);
    }

    static AlertRaised raised(long alertId, String type, long readingId) {
        return raised(alertId, type, "high", readingId);
    }

    /** A clock that reads the fixture's current time, so deadlines and "now" agree. */
    private static final class FixtureClock extends Clock {

        private final Supplier<Instant> now;

        FixtureClock(Supplier<Instant> now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
