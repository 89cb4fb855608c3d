package org.hospital.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.doctorRegistered;
import static org.hospital.query.HospitalEvents.observation;
import static org.hospital.query.HospitalEvents.patientRegistered;
import static org.hospital.query.HospitalEvents.reading;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.hospital.events.EncounterEvent;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.Topics;
import org.hospital.events.VitalsRecorded;
import org.hospital.infra.TestInfrastructure;
import org.hospital.query.QuerySideConfiguration;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A poison event on the real path (Kafka, the projections' tracking processor, PostgreSQL): a test projection in the
 * projections group fails in the database on one encounter's readings. That encounter's events are parked in order
 * while the others are projected; admins see them, a retry processes them once the cause is gone. A transient
 * failure (no database connection) is retried by the processor, never parked.
 */
@Import(ProjectionDeadLettersTest.FailingProjection.class)
class ProjectionDeadLettersTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    /** Encounters whose readings fail in the database (a statement error, which aborts the transaction). */
    static final Set<Long> POISONED = ConcurrentHashMap.newKeySet();
    /** Encounters whose readings fail for want of a connection, as many times as the counter says. */
    static final Map<Long, AtomicInteger> UNAVAILABLE = new ConcurrentHashMap<>();
    static final Map<Long, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Autowired
    KafkaMessageConverter<String, byte[]> converter;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    /** Another projection of the group: runs on the same events, in the same transaction, as the real ones. */
    @ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
    static class FailingProjection {

        private final JdbcClient jdbc;

        FailingProjection(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(VitalsRecorded reading) {
            CALLS.computeIfAbsent(reading.encounterId(), id -> new AtomicInteger()).incrementAndGet();
            if (POISONED.contains(reading.encounterId())) {
                jdbc.sql("SELECT 1 / (? - ?)").params(reading.hrBpm(), reading.hrBpm()).query(Integer.class).single();
            }
            AtomicInteger failuresLeft = UNAVAILABLE.get(reading.encounterId());
            if (failuresLeft != null && failuresLeft.getAndDecrement() > 0) {
                throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("Connection is not available, request timed out"));
            }
        }
    }

    @BeforeEach
    void captureTheLog() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(ReportingDeadLetterQueue.class)).addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(ReportingDeadLetterQueue.class)).detachAppender(logged);
    }

    @Test
    void parksAPoisonedEncounterInOrderWhileOthersGoOnAndRetriesItOnceTheCauseIsGone() throws Exception {
        long doctorId = TestIds.next();
        PatientAdmitted poisoned = admitted(TestIds.next(), TestIds.next(), doctorId, "ICU", T0);
        PatientAdmitted healthy = admitted(TestIds.next(), TestIds.next(), doctorId, "ICU", T0);
        POISONED.add(poisoned.encounterId());
        VitalsRecorded failing = reading(TestIds.next(), poisoned, T0.plusSeconds(60), 150);
        var note = observation(TestIds.next(), poisoned, "Reviewed.", T0.plusSeconds(90));
        VitalsRecorded later = reading(TestIds.next(), poisoned, T0.plusSeconds(120), 151);
        List<Long> positions = publish(List.of(
                patientRegistered(poisoned.patientId(), "Asha Rao", LocalDate.of(1970, 3, 1)),
                patientRegistered(healthy.patientId(), "Ravi Iyer", LocalDate.of(1950, 1, 9)),
                doctorRegistered(doctorId), poisoned, healthy,
                failing, reading(TestIds.next(), healthy, T0.plusSeconds(60), 90), note,
                reading(TestIds.next(), healthy, T0.plusSeconds(120), 91), later));
        String encounter = String.valueOf(poisoned.encounterId());

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(parked(encounter)).hasSize(3));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/encounters/" + healthy.encounterId() + "/overview")
                                .header("Authorization", tokens.admin()))
                        .andExpect(jsonPath("$.data.latest_vitals.hr_bpm").value(91)));
        List<Map<String, Object>> parked = parked(encounter);
        assertThat(parked).extracting(e -> e.get("event_type"))
                .containsExactly("VitalsRecorded", "ObservationRecorded", "VitalsRecorded");
        assertThat(parked).extracting(e -> ((Number) e.get("position")).longValue())
                .containsExactly(positions.get(5), positions.get(7), positions.get(9));
        assertThat(parked).extracting(e -> e.get("processing_group")).containsOnly("projections");
        assertThat(parked.get(0).get("cause_message").toString()).contains("division by zero");
        assertThat(parked.get(0).get("attempts")).isEqualTo(1);
        assertThat(parked.get(1).get("cause_type")).isNull();
        assertThat(parked.get(2).get("attempts")).isEqualTo(0);
        // The admission before the failure is projected; nothing of the failed reading (other projections had
        // written it in the same transaction) nor of what came after it.
        mvc.perform(get("/encounters/" + poisoned.encounterId() + "/overview").header("Authorization",
                        tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.latest_vitals").doesNotExist())
                .andExpect(jsonPath("$.data.last_observation").doesNotExist());
        assertThat(readings(poisoned)).isZero();
        assertThat(gauge("hospital.dead_letters")).isEqualTo(3);
        assertThat(gauge("hospital.dead_letters.sequences")).isEqualTo(1);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(3)
                .allMatch(line -> line.contains("encounter " + encounter) && line.contains("'projections'"))
                .noneMatch(line -> line.contains("Asha Rao"))
                .first().asString().contains("VitalsRecorded", "division by zero");

        // A retry refused to a non-admin changes nothing of what is parked (attempts, last touched, order).
        List<Map<String, Object>> parkedBefore = parked(encounter);
        for (String refused : List.of(tokens.auditor(), tokens.nurse("ICU"))) {
            mvc.perform(post("/admin/dead-letters/retry").param("sequence", encounter)
                            .header("Authorization", refused))
                    .andExpect(status().isForbidden());
        }
        assertThat(parked(encounter)).isEqualTo(parkedBefore).hasSize(3);

        // Still failing: nothing is processed, the attempt is counted, the order is kept.
        mvc.perform(post("/admin/dead-letters/retry").param("sequence", encounter)
                        .header("Authorization", tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.processed").value(0))
                .andExpect(jsonPath("$.data.sequences_failed").value(1))
                .andExpect(jsonPath("$.data.still_parked").value(3));
        assertThat(parked(encounter)).extracting(e -> e.get("attempts")).containsExactly(2, 0, 0);

        POISONED.remove(poisoned.encounterId());
        mvc.perform(post("/admin/dead-letters/retry").header("Authorization", tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.processed").value(3))
                .andExpect(jsonPath("$.data.sequences_cleared").value(1))
                .andExpect(jsonPath("$.data.still_parked").value(0));

        assertThat(parked(encounter)).isEmpty();
        mvc.perform(get("/encounters/" + poisoned.encounterId() + "/overview").header("Authorization",
                        tokens.admin()))
                .andExpect(jsonPath("$.data.latest_vitals.hr_bpm").value(151))
                .andExpect(jsonPath("$.data.last_observation.note").value("Reviewed."));
        assertThat(readings(poisoned)).isEqualTo(2);
        assertThat(gauge("hospital.dead_letters")).isZero();
        assertThat(gauge("hospital.dead_letters.sequences")).isZero();

        // The encounter's next events are projected as they come, no longer parked.
        publish(List.of(reading(TestIds.next(), poisoned, T0.plusSeconds(180), 152)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/encounters/" + poisoned.encounterId() + "/overview")
                                .header("Authorization", tokens.admin()))
                        .andExpect(jsonPath("$.data.latest_vitals.hr_bpm").value(152)));
        assertThat(parked(encounter)).isEmpty();
    }

    /**
     * Readings are written together before a batch commits; a reading that fails only there (a value the view's
     * column refuses) fails the whole combined write. The batch is then retried one event at a time, which parks
     * that reading alone and projects the rest of the batch.
     */
    @Test
    void parksAReadingThatFailsTheBatchsCombinedWriteAndProjectsTheRestOfTheBatch() throws Exception {
        long doctorId = TestIds.next();
        PatientAdmitted poisoned = admitted(TestIds.next(), TestIds.next(), doctorId, "ICU", T0);
        PatientAdmitted healthy = admitted(TestIds.next(), TestIds.next(), doctorId, "ICU", T0);
        VitalsRecorded good = reading(TestIds.next(), poisoned, T0.plusSeconds(30), 80);
        VitalsRecorded tooLong = new VitalsRecorded(TestIds.next(), poisoned.encounterId(), poisoned.patientId(),
                T0.plusSeconds(60), 81, 98, 37.0, 120, 80, 16, false, "Alert", List.of(), T0.plusSeconds(61),
                "device:1");
        List<Long> positions = publish(List.of(
                patientRegistered(poisoned.patientId(), "Asha Rao", LocalDate.of(1970, 3, 1)),
                patientRegistered(healthy.patientId(), "Ravi Iyer", LocalDate.of(1950, 1, 9)),
                doctorRegistered(doctorId), poisoned, healthy, good, tooLong,
                reading(TestIds.next(), healthy, T0.plusSeconds(60), 91)));
        String encounter = String.valueOf(poisoned.encounterId());

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(parked(encounter)).hasSize(1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/encounters/" + healthy.encounterId() + "/overview")
                                .header("Authorization", tokens.admin()))
                        .andExpect(jsonPath("$.data.latest_vitals.hr_bpm").value(91)));
        assertThat(parked(encounter)).extracting(e -> ((Number) e.get("position")).longValue())
                .containsExactly(positions.get(6));
        assertThat(jdbc.sql("SELECT reading_id FROM view_vitals WHERE encounter_id = ?")
                .param(poisoned.encounterId()).query(Long.class).list()).containsExactly(good.readingId());
        // The other tests count the queue's letters.
        jdbc.sql("DELETE FROM dead_letter_entry WHERE sequence_identifier = ?").param(encounter).update();
    }

    @Test
    void retriesAnEventThatFailedForWantOfADatabaseConnectionInsteadOfParkingIt() throws Exception {
        long doctorId = TestIds.next();
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), doctorId, "ICU", T0);
        UNAVAILABLE.put(admission.encounterId(), new AtomicInteger(2));
        publish(List.of(doctorRegistered(doctorId), admission,
                reading(TestIds.next(), admission, T0.plusSeconds(60), 120)));

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                mvc.perform(get("/encounters/" + admission.encounterId() + "/overview")
                                .header("Authorization", tokens.admin()))
                        .andExpect(jsonPath("$.data.latest_vitals.hr_bpm").value(120)));
        assertThat(CALLS.get(admission.encounterId())).as("failed twice, then handled").hasValue(3);
        assertThat(parked(String.valueOf(admission.encounterId()))).isEmpty();
        assertThat(logged.list).noneMatch(e -> e.getFormattedMessage().contains("encounter " + admission.encounterId()));
    }

    @Test
    void listsForAuditorsButRetriesOnlyForAdmins() throws Exception {
        mvc.perform(get("/admin/dead-letters").header("Authorization", tokens.auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.dead_letters").isArray());
        mvc.perform(post("/admin/dead-letters/retry").header("Authorization", tokens.auditor()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/dead-letters").param("processing_group", "nonesuch")
                        .header("Authorization", tokens.admin()))
                .andExpect(status().isNotFound());
    }

    /** The saga's parked events are the alerting side's ({@code /admin/alerting/dead-letters}), not a group here. */
    @Test
    void answersTheAlertingGroupLikeAnyGroupWithoutAQueueHere() throws Exception {
        mvc.perform(get("/admin/dead-letters").param("processing_group", "alerting")
                        .header("Authorization", tokens.admin()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(post("/admin/dead-letters/retry").param("processing_group", "alerting")
                        .header("Authorization", tokens.admin()))
                .andExpect(status().isNotFound());
    }

    /** Nothing handles every event any more, so the test driver's check that some projection handles it can fail. */
    @Test
    void theProjectionDriverRefusesAnEventNoProjectionHandles() {
        assertThatThrownBy(() -> projections.apply(new NoProjectionHandlesThis(1)))
                .hasMessageContaining("No projection handles NoProjectionHandlesThis");
    }

    record NoProjectionHandlesThis(long id) {
    }

    private List<Map<String, Object>> parked(String sequence) throws Exception {
        String body = mvc.perform(get("/admin/dead-letters").param("limit", "1000")
                        .header("Authorization", tokens.admin()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> all = JsonPath.read(body, "$.data.dead_letters");
        return all.stream().filter(e -> sequence.equals(e.get("sequence"))).toList();
    }

    private long readings(PatientAdmitted admission) {
        return jdbc.sql("SELECT count(*) FROM view_vitals WHERE encounter_id = ?").param(admission.encounterId())
                .query(Long.class).single();
    }

    private double gauge(String name) {
        return meters.get(name).tag("processing_group", "projections").gauge().value();
    }

    /** As the command side's publisher: each event with its event-store position; returns the positions. */
    private List<Long> publish(List<Object> events) throws Exception {
        List<Long> positions = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (Object event : events) {
                long position = TestIds.next();
                positions.add(position);
                String aggregate = event instanceof EncounterEvent e ? "encounter-" + e.encounterId() : "registry";
                var message = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                        new GenericDomainEventMessage<>(event.getClass().getSimpleName(), aggregate, position, event,
                                Map.of(), "event-" + position, T0.plusSeconds(position % 1000)));
                producer.send(converter.createKafkaMessage(message, Topics.DOMAIN_EVENTS)).get();
            }
        }
        return positions;
    }
}
