package org.hospital.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.discharged;
import static org.hospital.query.HospitalEvents.observation;
import static org.hospital.query.HospitalEvents.reading;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.Topics;
import org.hospital.infra.TestInfrastructure;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;

/** Read-your-writes (issue 3 §6): reads wait, bounded, for the position a client's write was answered with. */
class ReadYourWritesTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");
    /** The platform's Kafka converter writes this header for events read from the event store. */
    private static final String POSITION_HEADER = "hospital-event-position";

    @Autowired
    KafkaMessageConverter<String, byte[]> converter;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReadWithMinPositionWaitsForTheEventFromKafkaAndSaysItReachedIt() throws Exception {
        long position = TestIds.next() * 1_000;
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, admission, position);
            // The processor is running and has caught up before the timed part begins.
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    mvc.perform(get("/encounters/" + admission.encounterId() + "/overview")
                                    .header("Authorization", tokens.admin()))
                            .andExpect(status().isOk()));

            // The read is sent first and seen waiting before the reading exists, so the wait-and-wake path is the
            // one taken (sent after, the reading is usually projected before the read arrives).
            FutureTask<MvcResult> read = new FutureTask<>(() -> mvc.perform(
                    get("/encounters/" + admission.encounterId() + "/overview?min_position=" + (position + 7))
                            .header("Authorization", tokens.nurse("ICU"))).andReturn());
            Thread reader = Thread.ofPlatform().name("read-your-writes-reader").start(read);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waitingForACommit(reader));

            send(producer, reading(TestIds.next(), admission, T0.plusSeconds(60), 151), position + 7);

            MvcResult answered = read.get(60, TimeUnit.SECONDS);
            assertThat(answered.getResponse().getStatus()).isEqualTo(200);
            assertThat(answered.getResponse().getHeader(Freshness.HEADER)).isEqualTo("true");
            assertThat(((Number) JsonPath.read(answered.getResponse().getContentAsString(),
                    "$.data.latest_vitals.hr_bpm")).intValue()).isEqualTo(151);
            mvc.perform(get("/patients/" + admission.patientId() + "/vitals/recent")
                            .header("X-Min-Position", String.valueOf(position + 7))
                            .header("Authorization", tokens.patient(admission.patientId())))
                    .andExpect(status().isOk())
                    .andExpect(header().string(Freshness.HEADER, "true"))
                    .andExpect(jsonPath("$.data.vitals[0].hr_bpm").value(151));
        }
    }

    @Test
    void answersWithWhatItHasAfterTheBoundedWaitWhenThePositionIsNotReached() throws Exception {
        long position = TestIds.next() * 1_000;
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        projections.applyAt(position, admission);

        long started = System.nanoTime();
        // "Bounded" is checked against a limit far above the configured 5 s, so a busy machine cannot fail it; only
        // a wait that does not end can. The lower bound cannot be missed by slowness: the server answers "not
        // reached" (the header) only once its own deadline passed.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                mvc.perform(get("/encounters/" + admission.encounterId() + "/alerts?min_position=" + (position + 1))
                                .header("Authorization", tokens.admin()))
                        .andExpect(status().isOk())
                        .andExpect(header().string(Freshness.HEADER, "false"))
                        .andExpect(jsonPath("$.data.length()").value(0)));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void answersAtOnceWhenThePositionIsAlreadyReachedAndWithoutTheHeaderWhenNoneWasAsked() throws Exception {
        long position = TestIds.next() * 1_000;
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        projections.applyAt(position, admission);
        projections.applyAt(position + 3, observation(TestIds.next(), admission, "Stable.", T0.plusSeconds(5)));

        mvc.perform(get("/encounters/" + admission.encounterId() + "/observations?min_position=" + (position + 3))
                        .header("Authorization", tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(header().string(Freshness.HEADER, "true"));
        MvcResult plain = mvc.perform(get("/encounters/" + admission.encounterId() + "/observations")
                        .header("Authorization", tokens.admin()))
                .andExpect(status().isOk()).andReturn();
        assertThat(plain.getResponse().getHeader(Freshness.HEADER)).isNull();
    }

    @Test
    void aPatientScopedReadWaitsForThePatientsNewestEncounter() throws Exception {
        long position = TestIds.next() * 1_000;
        long patientId = TestIds.next();
        PatientAdmitted earlier = admitted(TestIds.next(), patientId, TestIds.next(), "ICU", T0);
        projections.applyAt(position, earlier);
        projections.apply(discharged(earlier, T0.plusSeconds(60)));
        PatientAdmitted current = admitted(TestIds.next(), patientId, TestIds.next(), "ICU", T0.plusSeconds(120));

        FutureTask<MvcResult> read = new FutureTask<>(() -> mvc.perform(
                get("/patients/" + patientId + "/encounter?min_position=" + (position + 10))
                        .header("Authorization", tokens.patient(patientId))).andReturn());
        Thread reader = Thread.ofPlatform().name("read-your-writes-reader").start(read);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waitingForACommit(reader));
        projections.applyAt(position + 10, current);

        MvcResult answered = read.get(60, TimeUnit.SECONDS);
        assertThat(answered.getResponse().getStatus()).isEqualTo(200);
        assertThat(answered.getResponse().getHeader(Freshness.HEADER)).isEqualTo("true");
        assertThat(((Number) JsonPath.read(answered.getResponse().getContentAsString(), "$.data.encounter.id"))
                .longValue()).isEqualTo(current.encounterId());
    }

    @Test
    void neverMovesAnEncountersPositionBackWhenAnOlderEventIsRedelivered() {
        long position = TestIds.next() * 1_000;
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        projections.applyAt(position, admission);
        projections.applyAt(position + 5, reading(TestIds.next(), admission, T0.plusSeconds(5), 80));

        projections.applyAt(position, admission);
        projections.applyAt(position + 2, observation(TestIds.next(), admission, "Late.", T0.plusSeconds(2)));

        assertThat(jdbc.sql("SELECT last_position FROM view_encounters WHERE id = ?").param(admission.encounterId())
                .query(Long.class).single()).isEqualTo(position + 5);
    }

    @Test
    void rejectsAMinPositionThatIsNotANonNegativeInteger() throws Exception {
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        projections.apply(admission);
        for (String invalid : new String[] {"abc", "-1", "1.5", "", "99999999999999999999", "1e3"}) {
            mvc.perform(get("/encounters/" + admission.encounterId() + "/overview")
                            .param("min_position", invalid)
                            .header("Authorization", tokens.admin()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.details[0].field").value("min_position"));
        }
        mvc.perform(get("/patients/" + admission.patientId() + "/encounter")
                        .header("X-Min-Position", "soon")
                        .header("Authorization", tokens.admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details[0].field").value("X-Min-Position"));
    }

    /** The reader's thread is parked in the read-your-writes wait for a projection commit. */
    private static boolean waitingForACommit(Thread reader) {
        return Arrays.stream(reader.getStackTrace()).anyMatch(frame ->
                frame.getClassName().equals(CommitSignal.class.getName()) && frame.getMethodName().equals("awaitAfter"));
    }

    private void send(KafkaProducer<String, byte[]> producer, Object event, long position) throws Exception {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(
                GenericEventMessage.asEventMessage(event), Topics.DOMAIN_EVENTS);
        record.headers().add(POSITION_HEADER, Long.toString(position).getBytes(StandardCharsets.US_ASCII));
        producer.send(record).get();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }
}
