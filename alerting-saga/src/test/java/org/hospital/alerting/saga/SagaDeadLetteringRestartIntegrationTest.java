package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hospital.alerting.saga.ReadingBuilder.reading;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.RaiseAlert;
import org.hospital.infra.TestInfrastructure;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parked events survive a restart of the alerting side: they were written with the processor's Kafka position, so
 * the restarted side neither parks them again nor hands them to the saga, until a retry handles each once.
 */
@Tag("own-jvm")
class SagaDeadLetteringRestartIntegrationTest {

    private static final Map<String, String> SETTINGS =
            Map.of("hospital.alerting.dead-letters.retry-poll-interval", "PT0.2S");

    private final long a = TestIds.block(10);
    private final long b = a + 1;

    @AfterEach
    void cure() {
        PoisonableSender.POISONED.clear();
    }

    @Test
    void keepsParkedEventsAcrossARestartAndHandlesEachOnceWhenRetried() {
        String database = TestInfrastructure.shared().newDatabase("sagapark");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaTopics topics = AlertingRestartIntegrationTest.connectWhenTopicsExist()) {
            List<Map<String, Object>> parkedBefore;
            PoisonableSender.POISONED.add(a);
            try (AlertingSide first = AlertingSide.start(database, SETTINGS, PoisonableSender.class)) {
                topics.publish(new PatientAdmitted(a, a + 7, 2, 5, "101A", "ICU", now));
                topics.publish(reading(a * 10 + 1).of(a, a + 7).heartRate(140).at(now).build());
                topics.publish(reading(a * 10 + 2).of(a, a + 7).spo2(85).at(now).build());
                await().atMost(Duration.ofSeconds(60)).until(() -> parkedOf(first, a).size() == 2);
                parkedBefore = parkedOf(first, a);
            }
            PoisonableSender.POISONED.remove(a);

            try (AlertingSide second = AlertingSide.start(database, SETTINGS, PoisonableSender.class)) {
                // Another encounter's alert, published after A's events, shows the processor is past them.
                topics.publish(new PatientAdmitted(b, b + 7, 2, 6, "102A", "ICU", now));
                topics.publish(reading(b * 10 + 1).of(b, b + 7).heartRate(140).at(now).build());
                await().atMost(Duration.ofSeconds(90)).until(() -> topics.commandsOf(b, RaiseAlert.class).size() == 2);

                assertThat(parkedOf(second, a)).isEqualTo(parkedBefore);
                assertThat(PoisonableSender.calls(a)).as("only the first failure reached the saga").isEqualTo(1);
                assertThat(topics.commandsOf(a)).isEmpty();

                second.jdbc().update("UPDATE saga_dead_letter SET retry_requested_at = now() "
                        + "WHERE processing_group = 'alerting' AND sequence_identifier = ?", String.valueOf(a));
                await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf(second, a).isEmpty()
                        && topics.commandsOf(a, RaiseAlert.class).size() == 4);
                assertThat(topics.commandsOf(a, RaiseAlert.class)).extracting(RaiseAlert::alertKey).containsExactly(
                        a + ":TACHYCARDIA:" + (a * 10 + 1), a + ":NEWS2_RED_SCORE:" + (a * 10 + 1),
                        a + ":HYPOXIA:" + (a * 10 + 2), a + ":NEWS2_MEDIUM:" + (a * 10 + 2));
            }
        }
    }

    private static List<Map<String, Object>> parkedOf(AlertingSide side, long encounter) {
        return side.jdbc().queryForList("SELECT dead_letter_id, sequence_index, event_identifier, cause_type, "
                + "attempts FROM saga_dead_letter WHERE processing_group = 'alerting' AND sequence_identifier = ? "
                + "ORDER BY sequence_index", String.valueOf(encounter));
    }
}
