package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hospital.command.alert.AlertSummaries;
import org.hospital.command.alert.AlertSummaries.Summary;
import org.hospital.events.AlertCommand;
import org.hospital.events.EscalateAlert;
import org.hospital.events.News2Breakdown;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.Topics;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.messaging.PlainJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The alerting saga's requests against real Kafka and PostgreSQL: each kind delivered twice (with its type header)
 * has exactly one effect, the alerts topic tells every change of the alert with its state at that change, and what
 * can never be processed lands on the dead-letter topic. Also the SpO2 scale endpoint over HTTP.
 */
class AlertCommandsIntegrationTest extends CommandSideHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEAD_LETTERS = Topics.ALERT_COMMANDS + ".DLT";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AlertSummaries summaries;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    /**
     * Kafka's default session (45 s) would hold a dead instance's partitions, and the alerts on them, that long.
     * Another instance with this listener's consumer settings joins the group in a process of its own, takes
     * partitions, and is killed (no goodbye to the group). The requests then sent to its partitions must be handled
     * here well before 45 s; the bound is generous for a busy machine and still fails with Kafka's default session.
     */
    @Test
    void passesADeadInstancesAlertRequestsToAnotherWellWithinKafkasDefaultSession() throws Exception {
        MessageListenerContainer listener = listeners.getListenerContainer("command-side-alert-commands");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OtherInstance.class.getName(),
                TestInfrastructure.shared().kafka().bootstrapServers(), listener.getGroupId(),
                Topics.ALERT_COMMANDS));
        listener.getContainerProperties().getKafkaConsumerProperties()
                .forEach((key, value) -> command.add(key + "=" + value));
        Process other = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Integer> partitions;
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            partitions = await().atMost(WAIT).until(() -> assigned(output), found -> found != null);
        } finally {
            other.destroyForcibly().waitFor();
        }

        List<String> keys = new ArrayList<>();
        try (var producer = producer()) {
            for (int partition : partitions) {
                long encounterId = 880_000 + partition;
                String alertKey = "dead-instance:" + UUID.randomUUID();
                keys.add(alertKey);
                RaiseAlert raise = new RaiseAlert(alertKey, encounterId, 1, "TACHYCARDIA", "high",
                        "High Heart Rate detected: 140 BPM", recently(), 1);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ALERT_COMMANDS, partition,
                        String.valueOf(encounterId), PlainJson.write(raise));
                record.headers().add(AlertCommand.TYPE_HEADER,
                        RaiseAlert.class.getSimpleName().getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        await().atMost(Duration.ofSeconds(35)).until(() -> keys.stream().allMatch(key -> alertIdFor(key) != null));
    }

    /** The partitions the other instance says it holds, once it says so; null until then. */
    private static List<Integer> assigned(BufferedReader output) throws IOException {
        while (output.ready()) {
            String line = output.readLine();
            if (line != null && line.startsWith("ASSIGNED ")) {
                return Arrays.stream(line.substring("ASSIGNED ".length()).split(",")).map(Integer::valueOf).toList();
            }
        }
        return null;
    }

    @Test
    void actsOnceOnEachRequestDeliveredTwice() {
        Credential admin = demo("admin");
        Credential doctor = demo("dr_house");
        long doctorId = ok("GET", "/auth/me", doctor, null).path("doctor_id").asLong();
        long patientId = newPatient(admin);
        long encounterId = admit(admin, patientId, doctorId, newRoom(admin, "ICU"));
        String key = String.valueOf(encounterId);
        Instant measured = recently();
        News2Breakdown breakdown = new News2Breakdown(2, 3, 0, 0, 1, 0, 0, 1);
        RaiseAlert raise = new RaiseAlert(encounterId + ":NEWS2_MEDIUM:11", encounterId, patientId, "NEWS2_MEDIUM",
                "high", "NEWS2 score 6", measured, 11, "NEWS2 aggregate 5-6 (RCP 2017)", Map.of("spo2_pct", 91.0),
                breakdown);

        produce(raise, raise);
        long alertId = await().atMost(WAIT).until(() -> alertIdFor(raise.alertKey()), id -> id != null);
        RecordAlertRepeat repeat = new RecordAlertRepeat(alertId, encounterId, 12, "critical", measured.plusSeconds(5));
        EscalateAlert escalate = new EscalateAlert(alertId, encounterId, 1);
        RecordNews2Score score = new RecordNews2Score(encounterId, 12, 7, "high", breakdown, 15);
        produce(repeat, repeat, escalate, escalate, score, score);
        try (var producer = producer()) {
            send(producer, key, "DeleteAlert", PlainJson.write(escalate));
            send(producer, key, EscalateAlert.class.getSimpleName(),
                    "{\"alert_id\": ".getBytes(StandardCharsets.UTF_8));
            send(producer, key, RecordAlertRepeat.class.getSimpleName(),
                    PlainJson.write(new RecordAlertRepeat(987_654_321, encounterId, 13, "high", measured)));
        }
        // One partition per key, handled in order: once the dead letters are there, everything before was handled.
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicConsumers.records(DEAD_LETTERS, key, WAIT,
                all -> all.size() >= 3);
        assertThat(deadLetters).hasSize(3);
        assertThat(new String(deadLetters.getFirst().headers().lastHeader(AlertCommand.TYPE_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("DeleteAlert");

        assertThat(events("alert-" + alertId, "AlertRaised")).hasSize(1).first().satisfies(raised -> {
            assertThat(raised.path("rule").asString()).isEqualTo("NEWS2 aggregate 5-6 (RCP 2017)");
            // The platform's event serializer types non-final values: ["java.util.ImmutableCollections$Map1", {...}].
            JsonNode values = raised.path("values").isArray() ? raised.path("values").get(1) : raised.path("values");
            assertThat(values.path("spo2_pct").asDouble()).isEqualTo(91.0);
            assertThat(raised.path("news2").path("spo2").asInt()).isEqualTo(3);
        });
        assertThat(events("alert-" + alertId, "AlertRepeated")).singleElement().satisfies(repeated -> {
            assertThat(repeated.path("occurrences").asInt()).isEqualTo(2);
            assertThat(repeated.path("severity").asString()).isEqualTo("critical");
        });
        assertThat(events("alert-" + alertId, "AlertEscalated")).singleElement().satisfies(escalated -> {
            assertThat(escalated.path("level").asInt()).isEqualTo(1);
            assertThat(escalated.path("severity").asString()).isEqualTo("critical");
        });
        assertThat(events("encounter-" + encounterId, "News2Scored")).singleElement().satisfies(scored -> {
            assertThat(scored.path("score").asInt()).isEqualTo(7);
            assertThat(scored.path("patient_id").asLong()).isEqualTo(patientId);
            assertThat(scored.path("breakdown").path("spo2").asInt()).isEqualTo(3);
            assertThat(scored.path("monitoring_interval_minutes").asInt()).isEqualTo(15);
        });

        ok("PATCH", "/alerts/" + alertId + "/acknowledge", doctor, null);
        RecordAlertRepeat afterAcknowledgement = new RecordAlertRepeat(alertId, encounterId, 14, "high",
                measured.plusSeconds(10));
        produce(afterAcknowledgement, afterAcknowledgement, new EscalateAlert(alertId, encounterId, 2));
        await().atMost(WAIT).until(() -> events("alert-" + alertId, "AlertRepeated").size() == 2);
        ok("PATCH", "/alerts/" + alertId + "/resolve", doctor, Map.of("reason", "treated"));
        assertThat(send("PATCH", "/alerts/" + alertId + "/resolve", doctor, null).status())
                .as("resolved twice").isEqualTo(409);
        assertThat(send("PATCH", "/alerts/987654321/resolve", doctor, null).status()).as("no such alert")
                .isEqualTo(404);

        List<JsonNode> notifications = TopicConsumers.records(Topics.ALERTS, key, WAIT, all -> all.stream()
                .map(this::json).anyMatch(json -> "resolved".equals(json.path("change").asString())))
                .stream().map(this::json).filter(json -> json.path("alert_id").asLong() == alertId).toList();
        assertThat(notifications).extracting(json -> String.join(" ", json.path("change").asString(),
                        json.path("status").asString(), json.path("severity").asString(),
                        json.path("occurrences").asString(), json.path("escalation_level").asString()))
                .containsExactly(
                        "raised open high 1 0",
                        "repeated open critical 2 0",
                        "escalated open critical 2 1",
                        "acknowledged acknowledged critical 2 1",
                        "repeated acknowledged critical 3 1",
                        "resolved resolved critical 3 1");
        assertThat(notifications).allSatisfy(json -> {
            assertThat(json.path("type").asString()).isEqualTo("NEWS2_MEDIUM");
            assertThat(json.path("message").asString()).isEqualTo("NEWS2 score 6");
            assertThat(json.path("patient_id").asLong()).isEqualTo(patientId);
            assertThat(json.path("timestamp").asString()).isEqualTo(measured.toString());
        });
        assertThat(jdbc.queryForMap("""
                SELECT status, severity, occurrences, escalation_level, version FROM alert_summary
                WHERE alert_id = ?""", alertId)).containsEntry("status", "resolved")
                .containsEntry("severity", "critical").containsEntry("occurrences", 3)
                .containsEntry("escalation_level", 1).containsEntry("version", 5L);
        // A notifier that lags behind gets the alert as it was after its event, folded from the event store.
        assertThat(summaries.asOf(alertId, 0)).get().extracting(Summary::status, Summary::severity,
                Summary::occurrences, Summary::escalationLevel).containsExactly("open", "high", 1, 0);
        assertThat(summaries.asOf(alertId, 2)).get().extracting(Summary::status, Summary::severity,
                Summary::occurrences, Summary::escalationLevel).containsExactly("open", "critical", 2, 1);
        assertThat(summaries.asOf(alertId, 4)).get().extracting(Summary::status, Summary::lastSeenAt)
                .containsExactly("acknowledged", measured.plusSeconds(10));
    }

    /**
     * A poll's requests are stored in one transaction; when one of them fails, none of that transaction is kept and
     * the poll is handled again one request at a time: the others are stored once, the failing one goes to the
     * dead-letter topic. The consumer is paused while the requests are sent, so that they come in one poll.
     */
    /**
     * The requests of a poll share one transaction: their events carry one transaction id (xmin). The requests are
     * sent while the listener is paused, so that they come in one poll (one partition: one encounter's key).
     */
    @Test
    void storesTheRequestsOfAPollInOneTransaction() {
        Scene scene = scene();

        inOnePoll(scene.score(31), scene.repeat(32), scene.raise("FEVER", 33));

        long feverId = await().atMost(WAIT).until(() -> alertIdFor(scene.key("FEVER", 33)), id -> id != null);
        String raised = transactionOf("alert-" + feverId, "AlertRaised");
        assertThat(transactionOf("encounter-" + scene.encounterId(), "News2Scored")).isEqualTo(raised);
        assertThat(transactionOf("alert-" + scene.alertId(), "AlertRepeated")).isEqualTo(raised);
    }

    /**
     * One request of a poll names an alert that does not exist: it goes to the dead-letter topic and the others are
     * stored once each, each in a transaction of its own, so nothing of the failed attempt at the whole poll was kept
     * (it would have kept the score and the repeat, which are taken before the unknown alert, in one transaction).
     */
    @Test
    void storesTheOtherRequestsOfAPollOnceWhenOneOfThemFails() {
        Scene scene = scene();
        RecordAlertRepeat unknownAlert = new RecordAlertRepeat(987_654_322, scene.encounterId(), 22, "high",
                scene.measured());

        inOnePoll(scene.raise("FEVER", 21), scene.score(21), scene.repeat(21), unknownAlert,
                scene.raise("TACHYCARDIA", 23));

        String key = String.valueOf(scene.encounterId());
        assertThat(TopicConsumers.records(DEAD_LETTERS, key, WAIT, all -> !all.isEmpty())).singleElement()
                .satisfies(dead -> assertThat(new String(dead.headers().lastHeader(AlertCommand.TYPE_HEADER).value(),
                        StandardCharsets.UTF_8)).isEqualTo("RecordAlertRepeat"));
        long tachycardiaId = await().atMost(WAIT)
                .until(() -> alertIdFor(scene.key("TACHYCARDIA", 23)), id -> id != null);
        long feverId = alertIdFor(scene.key("FEVER", 21));
        assertThat(events("alert-" + feverId, "AlertRaised")).hasSize(1);
        assertThat(events("alert-" + tachycardiaId, "AlertRaised")).hasSize(1);
        assertThat(events("alert-" + scene.alertId(), "AlertRepeated")).singleElement()
                .satisfies(repeat -> assertThat(repeat.path("reading_id").asLong()).isEqualTo(21));
        assertThat(events("encounter-" + scene.encounterId(), "News2Scored")).singleElement()
                .satisfies(scored -> assertThat(scored.path("reading_id").asLong()).isEqualTo(21));
        assertThat(transactionOf("encounter-" + scene.encounterId(), "News2Scored"))
                .isNotEqualTo(transactionOf("alert-" + scene.alertId(), "AlertRepeated"));
    }

    /** An admitted encounter with one raised alert, and the requests the saga would send about them. */
    private record Scene(long encounterId, long patientId, long alertId, Instant measured) {

        String key(String kind, long readingId) {
            return encounterId + ":" + kind + ":" + readingId;
        }

        RaiseAlert raise(String kind, long readingId) {
            return new RaiseAlert(key(kind, readingId), encounterId, patientId, kind, "high", kind + " detected",
                    measured, readingId, kind, Map.of("hr_bpm", 140.0), null);
        }

        RecordNews2Score score(long readingId) {
            return new RecordNews2Score(encounterId, readingId, 7, "high", new News2Breakdown(2, 3, 0, 0, 1, 0, 0, 1),
                    15);
        }

        RecordAlertRepeat repeat(long readingId) {
            return new RecordAlertRepeat(alertId, encounterId, readingId, "high", measured);
        }
    }

    private Scene scene() {
        Credential admin = demo("admin");
        long doctorId = ok("GET", "/auth/me", demo("dr_house"), null).path("doctor_id").asLong();
        long patientId = newPatient(admin);
        long encounterId = admit(admin, patientId, doctorId, newRoom(admin, "ICU"));
        Scene unraised = new Scene(encounterId, patientId, 0, recently());
        RaiseAlert first = unraised.raise("HYPOXIA", 1);
        produce(first);
        long alertId = await().atMost(WAIT).until(() -> alertIdFor(first.alertKey()), id -> id != null);
        return new Scene(encounterId, patientId, alertId, unraised.measured());
    }

    /**
     * Sends the requests as one Kafka record batch (one partition: one encounter's key; nothing leaves the producer
     * before the flush). A fetch returns whole batches, so the listener takes them in one poll. (Pausing the listener
     * while sending did not do this: a fetch already under way when it paused returned the first record alone.)
     */
    private static void inOnePoll(AlertCommand... requests) {
        try (var producer = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 60_000))) {
            List<Future<RecordMetadata>> sent = Arrays.stream(requests).map(request -> producer.send(
                    record(String.valueOf(request.encounterId()), request.getClass().getSimpleName(),
                            PlainJson.write(request)))).toList();
            producer.flush();
            for (Future<RecordMetadata> each : sent) {
                assertThat(each).succeedsWithin(WAIT);
            }
        }
    }

    /** The id of the transaction that stored the aggregate's (only) event of the type. */
    private String transactionOf(String aggregate, String type) {
        return jdbc.queryForObject("""
                SELECT xmin::text FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?""",
                String.class, aggregate, "org.hospital.events." + type);
    }

    @Test
    void letsTheAttendingDoctorAndTheWardNurseChooseTheSpo2Scale() {
        Credential admin = demo("admin");
        Credential doctor = demo("dr_house");
        Credential nurse = demo("nurse_joy");
        long doctorId = ok("GET", "/auth/me", doctor, null).path("doctor_id").asLong();
        long doctorUserId = ok("GET", "/auth/me", doctor, null).path("id").asLong();
        long encounterId = admit(admin, newPatient(admin), doctorId, newRoom(admin, "ICU"));
        String path = "/encounters/" + encounterId + "/spo2-scale";

        Reply changed = send("PUT", path, doctor, Map.of("scale", 2));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(changed.data().path("encounter_id").asLong()).isEqualTo(encounterId);
        assertThat(changed.data().path("spo2_scale").asInt()).isEqualTo(2);
        assertThat(changed.header("X-Event-Position")).isPresent();
        Reply unchanged = send("PUT", path, doctor, Map.of("scale", 2));
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.data().path("spo2_scale").asInt()).isEqualTo(2);
        assertThat(events("encounter-" + encounterId, "Spo2ScaleChanged")).singleElement().satisfies(event -> {
            assertThat(event.path("scale").asInt()).isEqualTo(2);
            assertThat(event.path("changed_by").asLong()).isEqualTo(doctorUserId);
        });
        JsonNode audit = JSON.readTree(jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = 'org.hospital.events.Spo2ScaleChanged'""",
                String.class, "encounter-" + encounterId));
        JsonNode actor = audit.path("actor_user_id");
        // Axon's metadata serializer writes numbers with their Java type: ["java.lang.Long", 2].
        assertThat((actor.isArray() ? actor.get(1) : actor).asLong()).isEqualTo(doctorUserId);
        assertThat(audit.path("actor_role").asString()).isEqualTo("doctor");

        assertThat(send("PUT", path, nurse, Map.of("scale", 1)).status()).isEqualTo(200);
        assertThat(events("encounter-" + encounterId, "Spo2ScaleChanged")).hasSize(2);

        for (Object invalid : List.of(Map.of("scale", 3), Map.of("scale", 0), Map.of("scale", "two"),
                Map.of("scale", 1.5), Map.of(), Map.of("scale", 2, "reason", "copd"))) {
            Reply refused = send("PUT", path, doctor, invalid);
            assertThat(refused.status()).as(invalid.toString()).isEqualTo(400);
        }
        assertThat(send("PUT", path, admin, Map.of("scale", 2)).status()).isEqualTo(403);
        assertThat(send("PUT", "/encounters/987654321/spo2-scale", doctor, Map.of("scale", 2)).status())
                .isEqualTo(404);
        ok("POST", "/encounters/" + encounterId + "/discharge", admin, null);
        assertThat(send("PUT", path, doctor, Map.of("scale", 2)).status()).isEqualTo(409);
        assertThat(events("encounter-" + encounterId, "Spo2ScaleChanged")).hasSize(2);
    }

    private Long alertIdFor(String alertKey) {
        return jdbc.queryForList("SELECT alert_id FROM alert_keys WHERE alert_key = ?", Long.class, alertKey)
                .stream().findFirst().orElse(null);
    }

    private List<JsonNode> events(String aggregate, String type) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = ? ORDER BY sequence_number""", String.class,
                aggregate, "org.hospital.events." + type).stream().map(JSON::readTree).toList();
    }

    private JsonNode json(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(record.value());
    }

    private static void produce(AlertCommand... commands) {
        try (var producer = producer()) {
            for (AlertCommand command : commands) {
                send(producer, String.valueOf(command.encounterId()), command.getClass().getSimpleName(),
                        PlainJson.write(command));
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String type, byte[] value) {
        try {
            producer.send(record(key, type, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the record", e);
        }
    }

    private static ProducerRecord<String, byte[]> record(String key, String type, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ALERT_COMMANDS, key, value);
        record.headers().add(AlertCommand.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return producer(Map.of());
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> settings) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.putAll(settings);
        return new KafkaProducer<>(properties);
    }
}
