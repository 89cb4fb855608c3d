package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.hospital.command.identity.UserAccounts;
import org.hospital.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The command side alone against real PostgreSQL and Kafka, with the demo accounts: sign-in, admission, vitals
 * stored and published. (A request of the alerting saga delivered twice: {@code AlertCommandsIntegrationTest}; no
 * double booking under concurrent admissions: {@code ConcurrentAdmissionTest}.)
 */
class CommandSideIntegrationTest extends CommandSideHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserAccounts accounts;

    @Test
    void admitsAPatientAndStoresAndPublishesTheirVitals() {
        Credential admin = demo("admin");
        JsonNode me = ok("GET", "/auth/me", admin, null);
        assertThat(me.path("username").asString()).isEqualTo("admin");
        assertThat(me.path("role").asString()).isEqualTo("admin");
        long doctor = ok("GET", "/auth/me", demo("dr_house"), null).path("doctor_id").asLong();
        long patient = newPatient(admin);
        long otherPatient = newPatient(admin);
        long roomId = newRoom(admin, "ICU");

        Reply admission = send("POST", "/encounters", admin, Map.of("patient_id", patient, "doctor_id", doctor,
                "room_id", roomId));
        assertThat(admission.status()).as(admission.body().toString()).isEqualTo(201);
        long encounterId = admission.data().path("id").asLong();
        assertThat(admission.data().path("status").asString()).isEqualTo("active");
        assertThat(admission.data().path("room_number").asString()).isNotBlank();

        assertThat(send("POST", "/encounters", admin, Map.of("patient_id", patient, "doctor_id", doctor)).status())
                .as("a second admission of the same patient").isEqualTo(409);

        Credential nurse = demo("nurse_joy");
        Instant measured = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        Reply vitals = send("POST", "/vitals", nurse, Map.of("patient_id", patient,
                "encounter_id", encounterId, "timestamp", measured.toString(), "hr_bpm", 142, "spo2_pct", 97,
                "resp_rate_bpm", 18, "consciousness", "A"));
        assertThat(vitals.status()).as(vitals.body().toString()).isEqualTo(201);
        long readingId = vitals.data().path("id").asLong();

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

        assertThat(send("POST", "/vitals", nurse, Map.of("patient_id", otherPatient, "encounter_id", encounterId,
                "timestamp", measured.toString(), "hr_bpm", 80)).status()).as("another patient").isEqualTo(409);
        assertThat(send("POST", "/vitals", nurse, Map.of("patient_id", patient, "encounter_id", 999_999_999,
                "timestamp", measured.toString(), "hr_bpm", 80)).status()).as("unknown encounter").isEqualTo(404);
        assertThat(send("POST", "/vitals", admin, Map.of("patient_id", patient, "encounter_id", encounterId,
                "timestamp", measured.toString(), "hr_bpm", 80)).status()).as("admin may not post").isEqualTo(403);

        String deviceKey = accounts.issueDevice(roomId, "it-" + UUID.randomUUID()).key();
        Map<String, Object> fromDevice = Map.of("patient_id", patient, "encounter_id", encounterId,
                "timestamp", measured.toString(), "spo2_pct", 95);
        Reply byKey = send("POST", "/vitals", Credential.deviceKey(deviceKey), fromDevice);
        assertThat(byKey.status()).as(byKey.body().toString()).isEqualTo(201);
        assertThat(send("POST", "/vitals", Credential.bearer(deviceKey), fromDevice).status()).isEqualTo(201);
        assertThat(send("POST", "/vitals", Credential.deviceKey("not-a-key"), fromDevice).status()).isEqualTo(401);
        String otherDevice = accounts.issueDevice(newRoom(admin, "ICU"), "it-" + UUID.randomUUID()).key();
        assertThat(send("POST", "/vitals", Credential.deviceKey(otherDevice), fromDevice).status())
                .as("a device in another room learns nothing about the encounter").isEqualTo(404);

        assertThat(send("POST", "/encounters/" + encounterId + "/discharge", admin, null).status()).isEqualTo(200);
        assertThat(send("POST", "/vitals", nurse, Map.of("patient_id", patient, "encounter_id", encounterId,
                "timestamp", measured.toString(), "hr_bpm", 80)).status()).as("discharged").isEqualTo(409);
    }

    @Test
    void signsInWithATokenPairAndRejectsWrongPasswordsAndUnknownUsersAlike() {
        JsonNode login = ok("POST", "/auth/login", null, Map.of("username", "admin", "password", "password"));
        assertThat(login.path("token_type").asString()).isEqualTo("bearer");
        assertThat(login.path("expires_in").asInt()).isEqualTo(900);
        assertThat(login.path("refresh_token").asString()).isNotBlank();

        Reply wrongPassword = send("POST", "/auth/login", null, Map.of("username", "admin", "password", "wrong"));
        Reply unknownUser = send("POST", "/auth/login", null, Map.of("username", "nobody", "password", "password"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.body().path("error")).isEqualTo(unknownUser.body().path("error"));
        assertThat(unknownUser.body().path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void refusesAUsernameWithAControlCharacterAsInvalidInput() {
        Reply nul = send("POST", "/auth/login", null,
                Map.of("username", "nul\u0000inside", "password", "wrong-password"));
        assertThat(nul.status()).as(nul.body().toString()).isEqualTo(400);
        assertThat(nul.body().path("code").asString()).isEqualTo("VALIDATION_FAILED");
    }

    private static JsonNode awaitRecord(String topic, String key, Predicate<JsonNode> wanted) {
        return TopicConsumers.records(topic, key, WAIT, all -> all.stream().map(record -> JSON.readTree(record.value()))
                .anyMatch(wanted)).stream().map(record -> JSON.readTree(record.value())).filter(wanted).findFirst()
                .orElseThrow();
    }
}
