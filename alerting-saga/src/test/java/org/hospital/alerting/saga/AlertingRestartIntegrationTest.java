package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hospital.alerting.saga.ReadingBuilder.reading;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.hospital.events.AlertCommand;
import org.hospital.events.AlertRaised;
import org.hospital.events.EscalateAlert;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordNews2Score;
import org.hospital.infra.TestInfrastructure;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The alerting side stopped and started again on the same PostgreSQL and Kafka (issue §4 and §5): deadlines survive,
 * nothing is lost or requested twice, and a side starting without any state does not alert on history.
 */
@Tag("own-jvm")
class AlertingRestartIntegrationTest {

    private final long base = TestIds.block(10_000);

    @Test
    void escalatesAnUnacknowledgedAlertAfterARestartOfTheProcess() {
        String database = TestInfrastructure.shared().newDatabase("alerting");
        Map<String, String> settings = Map.of("hospital.alerting.escalation.high", "PT25S");
        long encounter = base + 1;
        long alertId = base + 77;
        Instant raisedAt;
        try (KafkaTopics topics = connectWhenTopicsExist(); AlertingSide first = AlertingSide.start(database, settings)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            topics.publish(new PatientAdmitted(encounter, encounter + 7, 2, 5, "101A", "ICU", now));
            topics.publish(reading(base + 5001).of(encounter, encounter + 7).heartRate(140).at(now).build());
            await().atMost(Duration.ofSeconds(60)).until(() -> !topics.commandsOf(encounter, RaiseAlert.class).isEmpty());
            raisedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            topics.publish(new AlertRaised(alertId, encounter, encounter + 7, "TACHYCARDIA", "high",
                    "High Heart Rate detected: 140 BPM", now, base + 5001, raisedAt));
            // The escalation deadline is in PostgreSQL once the saga has committed it.
            await().atMost(Duration.ofSeconds(30)).until(() -> sagaOf(first, encounter).contains("\"escalations\":{\""
                    + alertId + "\""));
        }
        try (KafkaTopics topics = KafkaTopics.connect()) {
            // Whether or not the deadline is already due, the first process stopped without escalating: the second
            // must do it (and not before the deadline, checked below).
            assertThat(topics.commandsOf(encounter, EscalateAlert.class))
                    .as("escalated by the process that stopped").isEmpty();

            try (AlertingSide second = AlertingSide.start(database, settings)) {
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> !topics.commandsOf(encounter, EscalateAlert.class).isEmpty());
                assertThat(topics.commandsOf(encounter, EscalateAlert.class))
                        .containsExactly(new EscalateAlert(alertId, encounter, 1));
                assertThat(Instant.now()).isAfterOrEqualTo(raisedAt.plusSeconds(25));
            }
        }
    }

    @Test
    void losesAndRepeatsNothingWhenRestartedMidStream() {
        String database = TestInfrastructure.shared().newDatabase("alerting");
        List<Long> encounters = LongStream.rangeClosed(1, 30).map(i -> base + i).boxed().toList();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaTopics topics = connectWhenTopicsExist()) {
            try (AlertingSide first = AlertingSide.start(database, Map.of())) {
                for (long encounter : encounters.subList(0, 15)) {
                    publishTwoFevers(topics, encounter, now);
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> !topics.commandsOf(encounters.getFirst(), RaiseAlert.class).isEmpty());
            }
            // While the side is down, the rest of the stream arrives.
            for (long encounter : encounters.subList(15, 30)) {
                publishTwoFevers(topics, encounter, now);
            }
            try (AlertingSide second = AlertingSide.start(database, Map.of())) {
                await().atMost(Duration.ofSeconds(90)).until(() -> encounters.stream()
                        .allMatch(e -> topics.commandsOf(e, RecordNews2Score.class).size() == 2));
            }
            for (long encounter : encounters) {
                List<AlertCommand> commands = topics.commandsOf(encounter);
                // Exactly one request per breach, none for the repeat (no AlertRaised came back in this test), and
                // one score per change: nothing lost, nothing sent twice, no key that differs from the first run's.
                assertThat(commands).filteredOn(RaiseAlert.class::isInstance)
                        .extracting(c -> ((RaiseAlert) c).alertKey())
                        .containsExactly(encounter + ":FEVER:" + (encounter * 10 + 1));
                assertThat(commands).filteredOn(RecordNews2Score.class::isInstance)
                        .extracting(c -> ((RecordNews2Score) c).readingId())
                        .containsExactly(encounter * 10 + 1, encounter * 10 + 2);
            }
        }
    }

    @Test
    void requestsNothingForHistoryWhenTheSideStartsWithoutState() {
        long encounter = base + 500;
        Instant longAgo = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        String database = TestInfrastructure.shared().newDatabase("alerting");
        try (KafkaTopics topics = connectWhenTopicsExist()) {
            // History on the topic before this side ever ran: breaches three hours old.
            topics.publish(new PatientAdmitted(encounter, encounter + 7, 2, 5, "101A", "ICU", longAgo));
            List<Long> readings = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long id = encounter * 10 + i;
                readings.add(id);
                topics.publish(reading(id).of(encounter, encounter + 7).heartRate(150).spo2(82).respiratoryRate(30)
                        .temperature(39.5).at(longAgo.plus(Duration.ofMinutes(i))).build());
            }
            try (AlertingSide side = AlertingSide.start(database, Map.of())) {
                // A live reading of the same encounter (same partition, so after the history) marks the end.
                long live = encounter * 10 + 9;
                topics.publish(reading(live).of(encounter, encounter + 7).heartRate(140).at(Instant.now()).build());
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> !topics.commandsOf(encounter, RecordNews2Score.class).isEmpty());

                List<AlertCommand> commands = topics.commandsOf(encounter);
                assertThat(commands).filteredOn(RaiseAlert.class::isInstance)
                        .extracting(c -> ((RaiseAlert) c).readingId()).containsOnly(live);
                assertThat(commands).filteredOn(RecordNews2Score.class::isInstance)
                        .extracting(c -> ((RecordNews2Score) c).readingId()).containsExactly(live);
            }
        }
    }

    private static void publishTwoFevers(KafkaTopics topics, long encounter, Instant now) {
        topics.publish(new PatientAdmitted(encounter, encounter + 7, 2, 5, "101A", "ICU", now));
        topics.publish(reading(encounter * 10 + 1).of(encounter, encounter + 7).temperature(39.0).at(now).build());
        topics.publish(reading(encounter * 10 + 2).of(encounter, encounter + 7).temperature(39.3)
                .at(now.plusSeconds(1)).build());
    }

    /**
     * The topics exist once any alerting side has started against the broker; if none has yet, one starts briefly
     * on a database of its own, so that the test's database stays without state.
     */
    static KafkaTopics connectWhenTopicsExist() {
        try {
            return KafkaTopics.connect();
        } catch (RuntimeException noTopicYet) {
            AlertingSide.start(TestInfrastructure.shared().newDatabase("topics"), Map.of()).close();
            return KafkaTopics.connect();
        }
    }

    private static String sagaOf(AlertingSide side, long encounter) {
        return side.jdbc().queryForList("SELECT convert_from(state, 'UTF8') FROM alerting_saga", String.class)
                .stream().filter(s -> s.contains("\"encounterId\":" + encounter + ",")).findFirst().orElse("");
    }
}
