package org.hospital.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.query.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The alerting saga's parked events, which the alerting side writes to the shared database, are listed by
 * {@code GET /admin/dead-letters} next to the projections' and marked for the alerting side's retry by
 * {@code POST /admin/dead-letters/retry}. The table is created from the alerting side's own migration, so this test
 * reads the rows the alerting side writes.
 */
class SagaDeadLettersTest extends QuerySideIntegrationTest {

    private static final Path ALERTING_MIGRATION =
            Path.of("../alerting-saga/src/main/resources/db/alerting/V2__saga_dead_letters.sql");
    private static final Instant PARKED_AT = Instant.parse("2026-11-27T15:54:19Z");

    @Autowired
    JdbcClient jdbc;

    private final String first = String.valueOf(TestIds.next());
    private final String second = String.valueOf(TestIds.next());

    @BeforeEach
    void alertingSideParkedEvents() throws Exception {
        synchronized (SagaDeadLettersTest.class) {
            if (!jdbc.sql("SELECT to_regclass('saga_dead_letter') IS NOT NULL").query(Boolean.class).single()) {
                jdbc.sql(Files.readString(ALERTING_MIGRATION)).update();
            }
        }
        park(first, 0, "java.lang.IllegalStateException", 2);
        park(first, 1, null, 0);
        park(second, 0, "java.lang.ArithmeticException", 1);
    }

    @Test
    void listsTheAlertingSagasParkedEventsSequenceBySequenceInOrder() throws Exception {
        mvc.perform(get("/admin/dead-letters").param("processing_group", "alerting")
                        .header("Authorization", tokens.auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.total_events").value(count("processing_group = 'alerting'")))
                .andExpect(jsonPath("$.data.truncated").value(false));

        List<Map<String, Object>> listed = listed("alerting", 1000);
        assertThat(listed).filteredOn(e -> first.equals(e.get("sequence")))
                .extracting(e -> e.get("index_in_sequence"), e -> e.get("cause_type"), e -> e.get("attempts"),
                        e -> e.get("event_type"), e -> e.get("processing_group"))
                .containsExactly(
                        tuple(0, "java.lang.IllegalStateException", 2,
                                "VitalsRecorded", "alerting"),
                        tuple(1, null, 0, "VitalsRecorded", "alerting"));
        Map<String, Object> head = listed.stream().filter(e -> first.equals(e.get("sequence"))).findFirst()
                .orElseThrow();
        assertThat(head).containsEntry("position", 4711).containsEntry("retry_requested_at", null)
                .containsEntry("enqueued_at", "2026-11-27T15:54:19Z")
                .containsEntry("cause_message", "Rule failed");
        // Without a processing group, the list holds every group's parked events.
        assertThat(listed(null, 1000)).filteredOn(e -> second.equals(e.get("sequence"))).hasSize(1);

        mvc.perform(get("/admin/dead-letters").param("processing_group", "alerting").param("limit", "1")
                        .header("Authorization", tokens.admin()))
                .andExpect(jsonPath("$.data.truncated").value(true))
                .andExpect(jsonPath("$.data.dead_letters.length()").value(1));
    }

    @Test
    void marksOneEncounterForTheAlertingSidesRetryOnlyForAdmins() throws Exception {
        mvc.perform(post("/admin/dead-letters/retry").param("processing_group", "alerting")
                        .param("sequence", first).header("Authorization", tokens.auditor()))
                .andExpect(status().isForbidden());
        assertThat(count("retry_requested_at IS NOT NULL AND sequence_identifier = '" + first + "'")).isZero();

        mvc.perform(post("/admin/dead-letters/retry").param("processing_group", "alerting")
                        .param("sequence", first).header("Authorization", tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.sequences_requested").value(1))
                .andExpect(jsonPath("$.data.sequences_retried").value(0));

        assertThat(count("retry_requested_at IS NOT NULL AND sequence_identifier = '" + first + "'")).isEqualTo(2);
        assertThat(count("retry_requested_at IS NOT NULL AND sequence_identifier = '" + second + "'")).isZero();
        assertThat(listed("alerting", 1000)).filteredOn(e -> first.equals(e.get("sequence")))
                .allSatisfy(e -> assertThat(e.get("retry_requested_at")).isNotNull());

        // Without a group, every group is retried: the alerting saga's sequences are all marked.
        mvc.perform(post("/admin/dead-letters/retry").header("Authorization", tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.sequences_requested").value(
                        (int) jdbc.sql("SELECT count(DISTINCT sequence_identifier) FROM saga_dead_letter")
                                .query(Long.class).single().longValue()));
        assertThat(count("retry_requested_at IS NULL")).isZero();
    }

    private void park(String sequence, long index, String causeType, int attempts) {
        jdbc.sql("INSERT INTO saga_dead_letter (processing_group, sequence_identifier, sequence_index, "
                        + "event_identifier, event_type, payload_type, payload, event_timestamp, event_position, "
                        + "parked_at, cause_type, cause_message, first_failed_at, last_failed_at, attempts) "
                        + "VALUES ('alerting', ?, ?, ?, 'VitalsRecorded', 'org.hospital.events.VitalsRecorded', ?, "
                        + "?, 4711, ?, ?, ?, ?, ?, ?)")
                .params(sequence, index, sequence + "-" + index, "{}".getBytes(), Timestamp.from(PARKED_AT),
                        Timestamp.from(PARKED_AT), causeType, causeType == null ? null : "Rule failed",
                        causeType == null ? null : Timestamp.from(PARKED_AT),
                        causeType == null ? null : Timestamp.from(PARKED_AT.plusSeconds(2)), attempts)
                .update();
    }

    private long count(String condition) {
        return jdbc.sql("SELECT count(*) FROM saga_dead_letter WHERE " + condition).query(Long.class).single();
    }

    private List<Map<String, Object>> listed(String processingGroup, int limit) throws Exception {
        var request = get("/admin/dead-letters").param("limit", String.valueOf(limit))
                .header("Authorization", tokens.admin());
        if (processingGroup != null) {
            request = request.param("processing_group", processingGroup);
        }
        String body = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$.data.dead_letters");
    }
}
