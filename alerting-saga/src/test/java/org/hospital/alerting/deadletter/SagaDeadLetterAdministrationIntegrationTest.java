package org.hospital.alerting.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.hospital.alerting.AlertingTestApplication;
import org.hospital.alerting.TestTokens;
import org.hospital.events.EncounterEvent;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.messaging.PositionCarryingConverter;
import org.hospital.platform.security.AccessTokens;
import org.hospital.platform.security.Role;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /admin/alerting/dead-letters} on the alerting side started as its own application, on real PostgreSQL and
 * Kafka. Events are parked by the side's own store, as its processor parks them (the real path from a failing saga is
 * {@code saga.SagaDeadLetteringIntegrationTest}); the retry the route asks for is performed by the side's
 * {@link SagaRetry}, which a test stops while it looks at the marks. Every test leaves the table empty.
 */
@Tag("own-jvm")
@SpringBootTest(classes = AlertingTestApplication.class)
@AutoConfigureMockMvc
class SagaDeadLetterAdministrationIntegrationTest {

    private static final String DATABASE_URL = TestInfrastructure.shared().newDatabase("sagadladmin");
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final String LIST = "/admin/alerting/dead-letters";
    private static final String RETRY = "/admin/alerting/dead-letters/retry";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AlertingTestApplication.register(registry, DATABASE_URL);
        registry.add("hospital.alerting.dead-letters.retry-poll-interval", () -> "PT0.2S");
    }

    @Autowired
    private MockMvc mvc;
    @Autowired
    private SagaDeadLetterStore store;
    @Autowired
    private SagaRetry retry;
    @Autowired
    private AccessTokens accessTokens;

    private String admin;
    // Fresh ids (the broker is shared by every test class of this JVM); the others of the block for related ids.
    private final long x = TestIds.block(10);
    private final long y = x + 1;
    private long nextPosition = 100;

    @BeforeEach
    void signIn() {
        admin = new TestTokens(accessTokens).bearer(Role.ADMIN);
    }

    /** Retries whatever a test left parked (every event here passes the saga) and waits for the table to be empty. */
    @AfterEach
    void retryEverythingLeft() throws Exception {
        if (!retry.isRunning()) {
            retry.start();
        }
        mvc.perform(post(RETRY).header("Authorization", admin)).andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(30)).until(() -> listed(1000).get("total_events").equals(0));
    }

    @Test
    void listsTheParkedEventsSequenceBySequenceTheSequenceParkedFirstFirstInOrderWithinEach() throws Exception {
        String x0 = parkFailed(admitted(x), T0);
        String x1 = parkBehind(spo2Scale(x), T0.plusSeconds(1));
        String y0 = parkFailed(admitted(y), T0.plusSeconds(2));
        String x2 = parkBehind(spo2Scale(x), T0.plusSeconds(3));

        Map<String, Object> list = listed(100);

        assertThat(list).containsEntry("total_events", 4).containsEntry("total_sequences", 2)
                .containsEntry("truncated", false);
        List<Map<String, Object>> events = deadLetters(list);
        assertThat(events).extracting(e -> e.get("event_id")).containsExactly(x0, x1, x2, y0);
        assertThat(events).extracting(e -> e.get("sequence"))
                .containsExactly(String.valueOf(x), String.valueOf(x), String.valueOf(x), String.valueOf(y));
        assertThat(events).extracting(e -> e.get("index_in_sequence")).containsExactly(0, 1, 2, 0);
        assertThat(events).extracting(e -> e.get("event_type"))
                .containsExactly("PatientAdmitted", "Spo2ScaleChanged", "Spo2ScaleChanged", "PatientAdmitted");
        assertThat(events).extracting(e -> e.get("processing_group")).containsOnly("alerting");
        assertThat(events).extracting(e -> e.get("attempts")).containsExactly(1, 0, 0, 1);
        assertThat(events).extracting(e -> e.get("retry_requested_at")).containsOnlyNulls();
        // The failed event carries its cause; those parked behind it carry none and were last touched when parked.
        assertThat(events.get(0)).containsEntry("position", 100).containsEntry("cause_type",
                IllegalStateException.class.getName()).containsEntry("cause_message", "Rule failed (test)")
                .containsEntry("enqueued_at", "2026-01-05T10:00:00Z")
                .containsEntry("last_touched", "2026-01-05T10:00:00Z");
        assertThat(events.get(1)).containsEntry("position", 101).containsEntry("cause_type", null)
                .containsEntry("cause_message", null).containsEntry("enqueued_at", "2026-01-05T10:00:01Z")
                .containsEntry("last_touched", "2026-01-05T10:00:01Z");
        assertThat(events.get(0)).containsOnlyKeys("processing_group", "sequence", "index_in_sequence", "event_type",
                "event_id", "position", "cause_type", "cause_message", "enqueued_at", "last_touched", "attempts",
                "retry_requested_at");
    }

    @Test
    void listsAtMostTheLimitBetweenOneAndAThousandAndSaysThatMoreAreParked() throws Exception {
        String x0 = parkFailed(admitted(x), T0);
        String x1 = parkBehind(spo2Scale(x), T0.plusSeconds(1));
        parkFailed(admitted(y), T0.plusSeconds(2));

        Map<String, Object> two = listed(2);
        assertThat(deadLetters(two)).extracting(e -> e.get("event_id")).containsExactly(x0, x1);
        assertThat(two).containsEntry("truncated", true).containsEntry("total_events", 3)
                .containsEntry("total_sequences", 2);
        assertThat(listed(3)).containsEntry("truncated", false);
        Map<String, Object> none = listed(0);
        assertThat(deadLetters(none)).extracting(e -> e.get("event_id")).containsExactly(x0);
        assertThat(none).containsEntry("truncated", true);
        Map<String, Object> tooMany = listed(5000);
        assertThat(deadLetters(tooMany)).hasSize(3);
        assertThat(tooMany).containsEntry("truncated", false);
    }

    @Test
    void marksTheSequenceNamedForRetryAndTheAlertingSideThenHandlesItsEventsAndClearsThem() throws Exception {
        retry.stop();
        parkFailed(admitted(x), T0);
        parkBehind(spo2Scale(x), T0.plusSeconds(1));
        String y0 = parkFailed(admitted(y), T0.plusSeconds(2));

        mvc.perform(post(RETRY).param("sequence", String.valueOf(x)).header("Authorization", admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("success"))
                .andExpect(jsonPath("$.data.sequences_requested").value(1))
                .andExpect(jsonPath("$.data.still_parked").value(3));

        List<Map<String, Object>> marked = deadLetters(listed(100));
        assertThat(marked).filteredOn(e -> e.get("sequence").equals(String.valueOf(x))).hasSize(2)
                .allSatisfy(e -> assertThat(e.get("retry_requested_at")).isNotNull());
        assertThat(marked).filteredOn(e -> e.get("sequence").equals(String.valueOf(y))).singleElement()
                .satisfies(e -> assertThat(e.get("retry_requested_at")).isNull());

        // The cause is gone (these events pass the saga): the side's retry handles them in order and clears them.
        retry.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters(listed(100)))
                .extracting(e -> e.get("event_id")).containsExactly(y0));
        assertThat(store.sagasOf(String.valueOf(x))).as("the saga the retried admission started").hasSize(1);
        Map<String, Object> left = listed(100);
        assertThat(left).containsEntry("total_events", 1).containsEntry("total_sequences", 1);
        assertThat(deadLetters(left).getFirst()).containsEntry("retry_requested_at", null)
                .containsEntry("attempts", 1);
    }

    @Test
    void marksEveryParkedSequenceWhenNoneIsNamed() throws Exception {
        retry.stop();
        parkFailed(admitted(x), T0);
        parkFailed(admitted(y), T0.plusSeconds(1));
        parkBehind(spo2Scale(y), T0.plusSeconds(2));

        mvc.perform(post(RETRY).header("Authorization", admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.sequences_requested").value(2))
                .andExpect(jsonPath("$.data.still_parked").value(3));
        assertThat(deadLetters(listed(100))).hasSize(3)
                .allSatisfy(e -> assertThat(e.get("retry_requested_at")).isNotNull());

        retry.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> listed(100).get("total_events").equals(0));
    }

    /** As the projections' retry: naming a sequence is a filter, and one with nothing parked marks nothing. */
    @Test
    void answersNoSequenceRequestedForASequenceWithNothingParkedAndMarksNothingElse() throws Exception {
        retry.stop();
        parkFailed(admitted(y), T0);

        mvc.perform(post(RETRY).param("sequence", String.valueOf(x)).header("Authorization", admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.sequences_requested").value(0))
                .andExpect(jsonPath("$.data.still_parked").value(1));
        assertThat(deadLetters(listed(100))).singleElement()
                .satisfies(e -> assertThat(e.get("retry_requested_at")).isNull());
    }

    private Map<String, Object> listed(int limit) throws Exception {
        String body = mvc.perform(get(LIST).param("limit", String.valueOf(limit)).header("Authorization", admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("success"))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.data");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deadLetters(Map<String, Object> list) {
        return (List<Map<String, Object>>) list.get("dead_letters");
    }

    /** Parks an event that failed, as the processor does: at the end of its encounter's sequence, with its cause. */
    private String parkFailed(EventMessage<?> event, Instant at) {
        String sequence = String.valueOf(((EncounterEvent) event.getPayload()).encounterId());
        store.parkFailed(event, sequence,
                SagaDeadLetterStore.Failure.of(new IllegalStateException("Rule failed (test)"), at), at);
        return event.getIdentifier();
    }

    /** Parks a later event of an encounter behind its parked ones, as the processor does. */
    private String parkBehind(EventMessage<?> event, Instant at) {
        String sequence = String.valueOf(((EncounterEvent) event.getPayload()).encounterId());
        assertThat(store.parkBehind(event, sequence, at)).as("parked behind").isTrue();
        return event.getIdentifier();
    }

    private EventMessage<?> admitted(long encounter) {
        return message(new PatientAdmitted(encounter, encounter + 7, 2, 5, "101A", "ICU", T0));
    }

    private EventMessage<?> spo2Scale(long encounter) {
        return message(new Spo2ScaleChanged(encounter, encounter + 7, 2, 3, T0));
    }

    /** As the processor hands events over: a domain event with its event-store position in the metadata. */
    private EventMessage<?> message(EncounterEvent event) {
        long position = nextPosition++;
        return new GenericDomainEventMessage<>(event.getClass().getSimpleName(), "encounter-" + event.encounterId(),
                position, event, MetaData.with(PositionCarryingConverter.METADATA_KEY, position));
    }
}
