package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hospital.alerting.saga.ReadingBuilder.reading;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hospital.alerting.AlertingTestApplication;
import org.hospital.alerting.TestTokens;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordNews2Score;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.security.AccessTokens;
import org.hospital.platform.security.Role;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Poison events on the alerting side's real path (Kafka, the saga's tracking processor, PostgreSQL): the saga fails
 * for one encounter's readings ({@link PoisonableSender}). That encounter's events are parked in order in
 * {@code saga_dead_letter} while the other encounters raise their alerts; a retry asked for through
 * {@code POST /admin/alerting/dead-letters/retry} handles them in order once the cause is gone. A transient failure is
 * retried by the processor, never parked.
 */
@Tag("own-jvm")
@SpringBootTest(classes = AlertingTestApplication.class)
@AutoConfigureMockMvc
@Import(PoisonableSender.class)
class SagaDeadLetteringIntegrationTest {

    private static final String DATABASE_URL = TestInfrastructure.shared().newDatabase("sagapark");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AlertingTestApplication.register(registry, DATABASE_URL);
        registry.add("hospital.alerting.dead-letters.retry-poll-interval", () -> "PT0.2S");
    }

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private MockMvc mvc;
    @Autowired
    private AccessTokens accessTokens;

    private KafkaTopics topics;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    // Fresh ids (the broker is shared by every test class of this JVM); the others of the block for related ids.
    private final long a = TestIds.block(10);
    private final long b = a + 1;

    @BeforeEach
    void connect() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            topics = KafkaTopics.connect();
            return true;
        });
        logged.start();
        ((Logger) LoggerFactory.getLogger("org.hospital.alerting.deadletter")).addAppender(logged);
    }

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger("org.hospital.alerting.deadletter")).detachAppender(logged);
        topics.close();
        PoisonableSender.POISONED.clear();
        PoisonableSender.UNAVAILABLE.clear();
    }

    @Test
    void parksAPoisonEventAndTheEncountersLaterEventsWhileOtherEncountersRaiseTheirAlerts() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        double parkedBefore = parkedCount();
        PoisonableSender.POISONED.add(a);
        topics.publish(new PatientAdmitted(a, a + 7, 2, 5, "101A", "ICU", now));
        topics.publish(new PatientAdmitted(b, b + 7, 2, 6, "102A", "ICU", now));
        topics.publish(reading(a * 10 + 1).of(a, a + 7).heartRate(140).at(now).build());
        topics.publish(reading(a * 10 + 2).of(a, a + 7).spo2(85).at(now).build());
        topics.publish(reading(b * 10 + 1).of(b, b + 7).heartRate(140).at(now).build());

        await().atMost(Duration.ofSeconds(60)).until(() -> topics.commandsOf(b, RaiseAlert.class).size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf(a).size() == 2);

        List<Map<String, Object>> parked = parkedOf(a);
        assertThat(parked).extracting(row -> row.get("sequence_index")).containsExactly(0L, 1L);
        assertThat(parked).extracting(row -> row.get("event_type"))
                .containsExactly("VitalsRecorded", "VitalsRecorded");
        assertThat(parked.get(0)).containsEntry("cause_type", IllegalStateException.class.getName())
                .containsEntry("attempts", 1);
        assertThat(parked.get(0).get("first_failed_at")).isNotNull();
        assertThat(parked.get(1)).containsEntry("cause_type", null).containsEntry("attempts", 0);
        // The later reading was parked, not handed to the saga: the only calls are the first reading's failure.
        assertThat(PoisonableSender.calls(a)).isEqualTo(1);
        assertThat(topics.commandsOf(a)).isEmpty();
        assertThat(parkedCount() - parkedBefore).isEqualTo(2.0);
        assertThat(meters.get("hospital.dead_letters").tag("processing_group", "alerting").gauge().value())
                .isGreaterThanOrEqualTo(2.0);
        assertThat(errorLines()).anySatisfy(line -> assertThat(line)
                .contains(String.valueOf(parked.get(0).get("event_identifier")), "encounter " + a,
                        "'alerting'", IllegalStateException.class.getName()));
        // One failure, one batch rolled back and retried: the interceptor sits once on the processor.
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains(String.valueOf(parked.get(0).get("event_identifier")))).hasSize(1);
        // Names the event, never its payload or the cause's message (patient data).
        assertThat(errorLines()).noneMatch(line -> line.contains("hr_bpm") || line.contains("Rule failed"));

        // A later event of the encounter still waits behind the parked ones.
        topics.publish(reading(a * 10 + 3).of(a, a + 7).temperature(39.0).at(now.plusSeconds(1)).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf(a).size() == 3);
        assertThat(topics.commandsOf(a)).isEmpty();

        PoisonableSender.POISONED.remove(a);
        requestRetry(a);

        String fever = a + ":FEVER:" + (a * 10 + 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf(a).isEmpty() && alertKeys(a).contains(fever));
        // In the order of the readings, each alert once.
        assertThat(alertKeys(a)).doesNotHaveDuplicates()
                .startsWith(a + ":TACHYCARDIA:" + (a * 10 + 1), a + ":NEWS2_RED_SCORE:" + (a * 10 + 1),
                        a + ":HYPOXIA:" + (a * 10 + 2), a + ":NEWS2_MEDIUM:" + (a * 10 + 2), fever);
        assertThat(topics.commandsOf(a, RaiseAlert.class)).extracting(RaiseAlert::readingId).isSorted();
        assertThat(topics.commandsOf(a, RecordNews2Score.class)).extracting(RecordNews2Score::readingId)
                .containsExactly(a * 10 + 1, a * 10 + 2, a * 10 + 3);

        // Once nothing of the encounter is parked, its new events are handled as they come.
        String tachypnea = a + ":TACHYPNEA:" + (a * 10 + 4);
        topics.publish(reading(a * 10 + 4).of(a, a + 7).respiratoryRate(30).at(now.plusSeconds(2)).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> alertKeys(a).contains(tachypnea));
        assertThat(alertKeys(a)).doesNotHaveDuplicates();
        assertThat(parkedOf(a)).isEmpty();
    }

    @Test
    void keepsAnEventParkedWithItsAttemptCountedWhenItsRetryFailsAgain() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PoisonableSender.POISONED.add(a);
        topics.publish(new PatientAdmitted(a, a + 7, 2, 5, "101A", "ICU", now));
        topics.publish(reading(a * 10 + 1).of(a, a + 7).heartRate(140).at(now).build());
        topics.publish(reading(a * 10 + 2).of(a, a + 7).spo2(85).at(now).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> parkedOf(a).size() == 2);

        requestRetry(a);

        await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf(a).getFirst().get("attempts").equals(2));
        List<Map<String, Object>> parked = parkedOf(a);
        assertThat(parked).hasSize(2);
        assertThat(parked).extracting(row -> row.get("retry_requested_at")).containsOnlyNulls();
        assertThat(parked.getFirst().get("last_failed_at")).isNotEqualTo(parked.getFirst().get("first_failed_at"));
        assertThat(topics.commandsOf(a)).isEmpty();
        assertThat(errorLines()).anySatisfy(line -> assertThat(line).contains("failed again", "encounter " + a));

        PoisonableSender.POISONED.remove(a);
        requestRetry(a);
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf(a).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.commandsOf(a, RaiseAlert.class).size() == 4);
        assertThat(topics.commandsOf(a, RaiseAlert.class)).extracting(RaiseAlert::alertKey).containsExactly(
                a + ":TACHYCARDIA:" + (a * 10 + 1), a + ":NEWS2_RED_SCORE:" + (a * 10 + 1),
                a + ":HYPOXIA:" + (a * 10 + 2), a + ":NEWS2_MEDIUM:" + (a * 10 + 2));
    }

    @Test
    void retriesATransientFailureInsteadOfParkingTheEvent() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PoisonableSender.UNAVAILABLE.put(a, new AtomicInteger(2));
        topics.publish(new PatientAdmitted(a, a + 7, 2, 5, "101A", "ICU", now));
        topics.publish(reading(a * 10 + 1).of(a, a + 7).heartRate(140).at(now).build());

        await().atMost(Duration.ofSeconds(60)).until(() -> topics.commandsOf(a, RaiseAlert.class).size() == 2);

        assertThat(PoisonableSender.calls(a)).as("two failed attempts, then the alert and the score")
                .isGreaterThanOrEqualTo(3);
        assertThat(topics.commandsOf(a, RaiseAlert.class)).extracting(RaiseAlert::alertKey)
                .containsExactly(a + ":TACHYCARDIA:" + (a * 10 + 1), a + ":NEWS2_RED_SCORE:" + (a * 10 + 1));
        assertThat(parkedOf(a)).isEmpty();
    }

    private List<String> alertKeys(long encounter) {
        return topics.commandsOf(encounter, RaiseAlert.class).stream().map(RaiseAlert::alertKey).toList();
    }

    private List<Map<String, Object>> parkedOf(long encounter) {
        return jdbc.queryForList("SELECT * FROM saga_dead_letter WHERE processing_group = 'alerting' "
                + "AND sequence_identifier = ? ORDER BY sequence_index", String.valueOf(encounter));
    }

    /** As an admin asks for it: the side marks the encounter's parked events and retries them on its next poll. */
    private void requestRetry(long encounter) throws Exception {
        mvc.perform(post("/admin/alerting/dead-letters/retry").param("sequence", String.valueOf(encounter))
                        .header("Authorization", new TestTokens(accessTokens).bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.sequences_requested").value(1));
    }

    private double parkedCount() {
        return meters.get("hospital.dead_letters.parked").tag("processing_group", "alerting").counter().count();
    }

    private List<String> errorLines() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
