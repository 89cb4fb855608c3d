package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hospital.command.identity.UserAccounts;
import org.hospital.command.registry.Registry;
import org.hospital.events.RaiseAlert;
import org.hospital.events.Topics;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.messaging.PlainJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command side alone against real PostgreSQL and Kafka, with the demo data: sign-in, admission, vitals stored
 * and published, RaiseAlert effectively once, and no double booking under concurrent admissions.
 */
@SpringBootTest(classes = CommandSideTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hospital.sides=command")
@ActiveProfiles("demo")
class CommandSideIntegrationTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Registry registry;

    @Autowired
    UserAccounts accounts;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        TestInfrastructure infra = TestInfrastructure.shared();
        String database = infra.newDatabase("command_side_it");
        infra.springProperties(database).forEach((key, value) -> properties.add(key, () -> value));
        properties.add("hospital.security.jwt.secret", () -> "command-side-integration-test-secret-0123456789");
    }

    @Test
    void admitsAPatientAndStoresAndPublishesTheirVitals() throws Exception {
        dischargeEveryone();
        String admin = login("admin");
        JsonNode me = call("GET", "/auth/me", admin, null).path("data");
        assertThat(me.path("username").asString()).isEqualTo("admin");
        assertThat(me.path("role").asString()).isEqualTo("admin");

        HttpResponse<String> admission = send("POST", "/encounters", admin, Map.of("patient_id", 1, "doctor_id", 1));
        assertThat(admission.statusCode()).isEqualTo(201);
        JsonNode encounter = JSON.readTree(admission.body()).path("data");
        long encounterId = encounter.path("id").asLong();
        assertThat(encounter.path("status").asString()).isEqualTo("active");
        assertThat(encounter.path("room_number").asString()).isNotBlank();

        assertThat(send("POST", "/encounters", admin, Map.of("patient_id", 1, "doctor_id", 1)).statusCode())
                .as("a second admission of the same patient").isEqualTo(409);

        String nurse = login("nurse_joy");
        Instant measured = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        HttpResponse<String> vitals = send("POST", "/vitals", nurse, Map.of("patient_id", 1,
                "encounter_id", encounterId, "timestamp", measured.toString(), "hr_bpm", 142, "spo2_pct", 97,
                "resp_rate_bpm", 18, "consciousness", "A"));
        assertThat(vitals.statusCode()).as(vitals.body()).isEqualTo(201);
        long readingId = JSON.readTree(vitals.body()).path("data").path("id").asLong();

        String metadata = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = 'org.hospital.events.VitalsRecorded'""",
                String.class, "encounter-" + encounterId);
        assertThat(metadata).contains("\"actor_role\":\"nurse\"").contains("request_id");

        JsonNode published = awaitRecord(Topics.VITALS_STREAM, String.valueOf(encounterId),
                json -> json.path("id").asLong() == readingId);
        assertThat(published.path("hr_bpm").asInt()).isEqualTo(142);
        assertThat(published.path("resp_rate").asInt()).isEqualTo(18);
        assertThat(published.path("timestamp").asString()).isEqualTo(measured.toString());
        JsonNode domainEvent = awaitRecord(Topics.DOMAIN_EVENTS, String.valueOf(encounterId),
                json -> json.path("reading_id").asLong() == readingId);
        assertThat(domainEvent.path("source").asString()).startsWith("user:");

        assertThat(send("POST", "/vitals", nurse, Map.of("patient_id", 2, "encounter_id", encounterId,
                "timestamp", measured.toString(), "hr_bpm", 80)).statusCode()).as("another patient").isEqualTo(409);
        assertThat(send("POST", "/vitals", nurse, Map.of("patient_id", 1, "encounter_id", 999_999,
                "timestamp", measured.toString(), "hr_bpm", 80)).statusCode()).as("unknown encounter").isEqualTo(404);
        assertThat(send("POST", "/vitals", admin, Map.of("patient_id", 1, "encounter_id", encounterId,
                "timestamp", measured.toString(), "hr_bpm", 80)).statusCode()).as("admin may not post").isEqualTo(403);

        long roomId = encounter.path("room_id").asLong();
        String deviceKey = accounts.issueDevice(roomId, "it-" + UUID.randomUUID()).key();
        HttpResponse<String> fromDevice = sendWithHeader("/vitals", "X-Device-Key", deviceKey, Map.of(
                "patient_id", 1, "encounter_id", encounterId, "timestamp", measured.toString(), "spo2_pct", 95));
        assertThat(fromDevice.statusCode()).as(fromDevice.body()).isEqualTo(201);
        assertThat(sendWithHeader("/vitals", "Authorization", "Bearer " + deviceKey, Map.of("patient_id", 1,
                "encounter_id", encounterId, "timestamp", measured.toString(), "spo2_pct", 95)).statusCode())
                .isEqualTo(201);
        assertThat(sendWithHeader("/vitals", "X-Device-Key", "not-a-key", Map.of("patient_id", 1,
                "encounter_id", encounterId, "timestamp", measured.toString(), "spo2_pct", 95)).statusCode())
                .isEqualTo(401);
        long otherRoom = jdbc.queryForObject("SELECT min(id) FROM room WHERE id <> ?", Long.class, roomId);
        String otherDevice = accounts.issueDevice(otherRoom, "it-" + UUID.randomUUID()).key();
        assertThat(sendWithHeader("/vitals", "X-Device-Key", otherDevice, Map.of("patient_id", 1,
                "encounter_id", encounterId, "timestamp", measured.toString(), "spo2_pct", 95)).statusCode())
                .as("a device in another room learns nothing about the encounter").isEqualTo(404);

        assertThat(send("POST", "/encounters/" + encounterId + "/discharge", admin, null).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/vitals", nurse, Map.of("patient_id", 1, "encounter_id", encounterId,
                "timestamp", measured.toString(), "hr_bpm", 80)).statusCode()).as("discharged").isEqualTo(409);
    }

    @Test
    void rejectsWrongPasswordsAndUnknownUsersAlike() throws Exception {
        HttpResponse<String> wrongPassword = send("POST", "/auth/login", null,
                Map.of("username", "admin", "password", "wrong"));
        HttpResponse<String> unknownUser = send("POST", "/auth/login", null,
                Map.of("username", "nobody", "password", "password"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongPassword.body()).path("error"))
                .isEqualTo(JSON.readTree(unknownUser.body()).path("error"));
        assertThat(JSON.readTree(unknownUser.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void refusesAUsernameWithAControlCharacterAsInvalidInput() throws Exception {
        HttpResponse<String> nul = send("POST", "/auth/login", null,
                Map.of("username", "nul\u0000inside", "password", "wrong-password"));
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(JSON.readTree(nul.body()).path("code").asString()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void raisesOneAlertForARaiseAlertDeliveredTwice() throws Exception {
        long encounterId = 424_242;
        Instant measured = Instant.parse("2026-01-01T10:00:00Z");
        String key = "it:" + UUID.randomUUID();
        RaiseAlert request = new RaiseAlert(key, encounterId, 1, "TACHYCARDIA", "high",
                "High Heart Rate detected: 140 BPM", measured, 1);
        RaiseAlert sentinel = new RaiseAlert(key + ":sentinel", encounterId, 1, "FEVER", "medium",
                "Fever detected: 39.0 C", measured, 2);
        try (var producer = producer()) {
            for (RaiseAlert record : List.of(request, request, sentinel)) {
                producer.send(new ProducerRecord<>(Topics.ALERT_COMMANDS, String.valueOf(encounterId),
                        PlainJson.write(record))).get();
            }
        }
        // Same key, same partition: once the sentinel's alert exists, both copies of the request were handled.
        await().atMost(WAIT).until(() -> alertIdFor(key + ":sentinel") != null);
        Long alertId = alertIdFor(key);
        assertThat(alertId).isNotNull();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = 'org.hospital.events.AlertRaised'""",
                Long.class, "alert-" + alertId)).isEqualTo(1);

        long sentinelId = alertIdFor(key + ":sentinel");
        List<JsonNode> notifications = recordsUntil(Topics.ALERTS, String.valueOf(encounterId),
                json -> json.path("alert_id").asLong() == sentinelId);
        assertThat(notifications).filteredOn(json -> json.path("alert_id").asLong() == alertId)
                .singleElement()
                .satisfies(json -> {
                    assertThat(json.path("status").asString()).isEqualTo("open");
                    assertThat(json.path("type").asString()).isEqualTo("TACHYCARDIA");
                    assertThat(json.path("timestamp").asString()).isEqualTo("2026-01-01T10:00:00Z");
                });

        // The encounter of this alert is made up, so only an admin may act on it (no one attends it).
        String doctor = login("admin");
        assertThat(call("PATCH", "/alerts/" + alertId + "/acknowledge", doctor, null).path("data")
                .path("status").asString()).isEqualTo("acknowledged");
        assertThat(send("PATCH", "/alerts/" + alertId + "/resolve", doctor, Map.of("reason", "treated"))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> again = send("PATCH", "/alerts/" + alertId + "/resolve", doctor, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(send("PATCH", "/alerts/987654/resolve", doctor, null).statusCode()).isEqualTo(404);

        JsonNode resolved = awaitRecord(Topics.ALERTS, String.valueOf(encounterId),
                json -> json.path("alert_id").asLong() == alertId && "resolved".equals(json.path("status").asString()));
        assertThat(resolved.path("severity").asString()).isEqualTo("high");
    }

    @Test
    void neverDoubleBooksARoomUnderConcurrentAdmissions() throws Exception {
        dischargeEveryone();
        int rooms = jdbc.queryForObject("SELECT count(*) FROM room", Integer.class);
        assertThat(rooms).isEqualTo(3);
        List<Long> patients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            patients.add(registry.registerPatient("Concurrent Patient " + i, LocalDate.of(1980, 1, 1), "U"));
        }
        String admin = login("admin");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long patient : patients) {
                answers.add(executor.submit(() -> {
                    start.await();
                    return send("POST", "/encounters", admin, Map.of("patient_id", patient, "doctor_id", 1));
                }));
            }
            start.countDown();
        }
        List<Long> bookedRooms = new ArrayList<>();
        int conflicts = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 201) {
                bookedRooms.add(JSON.readTree(response.body()).path("data").path("room_id").asLong());
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("NO_ROOM_AVAILABLE");
                conflicts++;
            }
        }
        assertThat(bookedRooms).hasSize(rooms).doesNotHaveDuplicates();
        assertThat(conflicts).isEqualTo(20 - rooms);
        assertThat(jdbc.queryForList("SELECT room_id FROM active_encounter", Long.class))
                .containsExactlyInAnyOrderElementsOf(bookedRooms);
    }

    private void dischargeEveryone() throws Exception {
        String admin = login("admin");
        for (Long encounterId : jdbc.queryForList("SELECT encounter_id FROM active_encounter", Long.class)) {
            assertThat(send("POST", "/encounters/" + encounterId + "/discharge", admin, null).statusCode())
                    .isEqualTo(200);
        }
    }

    private Long alertIdFor(String alertKey) {
        return jdbc.queryForList("SELECT alert_id FROM alert_keys WHERE alert_key = ?", Long.class, alertKey).stream()
                .findFirst().orElse(null);
    }

    private String login(String username) throws Exception {
        JsonNode data = call("POST", "/auth/login", null, Map.of("username", username, "password", "password"))
                .path("data");
        assertThat(data.path("token_type").asString()).isEqualTo("bearer");
        assertThat(data.path("expires_in").asInt()).isEqualTo(900);
        assertThat(data.path("refresh_token").asString()).isNotBlank();
        return data.path("access_token").asString();
    }

    private JsonNode call(String method, String path, String token, Object body) throws Exception {
        HttpResponse<String> response = send(method, path, token, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendWithHeader(String path, String header, String value, Object body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(properties);
    }

    private static JsonNode awaitRecord(String topic, String key, java.util.function.Predicate<JsonNode> wanted) {
        List<JsonNode> records = recordsUntil(topic, key, wanted);
        return records.stream().filter(wanted).findFirst().orElseThrow();
    }

    /** Every record of the key on the topic, read with a plain consumer from the start until one is wanted. */
    private static List<JsonNode> recordsUntil(String topic, String key, java.util.function.Predicate<JsonNode> wanted) {
        List<JsonNode> seen = new ArrayList<>();
        try (var consumer = TopicConsumers.fromTheStart()) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        seen.add(JSON.readTree(record.value()));
                    }
                }
                return seen.stream().anyMatch(wanted);
            });
        }
        return seen;
    }
}
