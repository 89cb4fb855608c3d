package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command side over HTTP against real PostgreSQL and Kafka, with the demo accounts. Every subclass shares one
 * application context and one database (same configuration, so Spring caches the context): tests make their own
 * rooms, patients and staff with unique names and never assume an empty register.
 */
@SpringBootTest(classes = CommandSideTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hospital.sides=command")
@ActiveProfiles("demo")
@Tag("integration")
abstract class CommandSideHttpTest {

    static final JsonMapper JSON = new JsonMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String STRONG_PASSWORD = "correct-horse-battery";
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        TestInfrastructure infra = TestInfrastructure.shared();
        String database = infra.newDatabase("command_side_http");
        infra.springProperties(database).forEach((key, value) -> properties.add(key, () -> value));
        properties.add("hospital.security.jwt.secret", () -> "command-side-http-test-secret-0123456789abcdef");
    }

    /** A status, the headers that matter here, and the parsed body. */
    record Reply(int status, Map<String, String> headers, JsonNode body) {

        JsonNode data() {
            return body.path("data");
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase()));
        }
    }

    static String unique(String prefix) {
        return prefix + UNIQUE.incrementAndGet() + "x" + (System.nanoTime() % 100_000);
    }

    static Instant recently() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    }

    Reply send(String method, String path, Credential credential, Object body) {
        return send(method, path, credential, body, Map.of());
    }

    Reply send(String method, String path, Credential credential, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(
                                    body instanceof String text ? text : JSON.writeValueAsString(body)));
            if (credential != null) {
                request.header(credential.header(), credential.value());
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> kept = new HashMap<>();
            response.headers().map().forEach((name, values) -> kept.put(name.toLowerCase(), values.getFirst()));
            JsonNode parsed = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), kept, parsed);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /** The client address the audit trail recorded for a device issued by a request with these headers. */
    String auditedAddressOfADeviceIssuedWith(JdbcTemplate jdbc, Map<String, String> headers) {
        Credential admin = demo("admin");
        Reply issued = send("POST", "/devices", admin, Map.of("room_id", newRoom(admin, "ICU")), headers);
        assertThat(issued.status()).isEqualTo(201);
        return jdbc.queryForObject("SELECT client_address FROM identity_audit WHERE action = 'device.issued' "
                + "AND target_id = ?", String.class, issued.data().path("id").asLong());
    }

    /** A 2xx answer's data; fails the test otherwise. */
    JsonNode ok(String method, String path, Credential credential, Object body) {
        Reply reply = send(method, path, credential, body);
        assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isBetween(200, 299);
        return reply.data();
    }

    /** How a caller proves who it is. */
    record Credential(String header, String value) {

        static Credential bearer(String token) {
            return new Credential("Authorization", "Bearer " + token);
        }

        static Credential deviceKey(String key) {
            return new Credential("X-Device-Key", key);
        }
    }

    Credential login(String username, String password) {
        return Credential.bearer(ok("POST", "/auth/login", null, Map.of("username", username, "password", password))
                .path("access_token").asString());
    }

    Credential demo(String username) {
        return login(username, "password");
    }

    long newRoom(Credential admin, String ward) {
        return ok("POST", "/rooms", admin, Map.of("room_number", unique("R"), "ward", ward)).path("id").asLong();
    }

    long newPatient(Credential admin) {
        return ok("POST", "/patients", admin, Map.of("name", unique("Patient "), "date_of_birth",
                LocalDate.of(1970, 1, 1).toString(), "gender", "U")).path("id").asLong();
    }

    /** A doctor with a sign-in account (password {@link #STRONG_PASSWORD}); the answer has the doctor and user ids. */
    JsonNode newDoctor(Credential admin, String username) {
        return ok("POST", "/doctors", admin, Map.of("name", unique("Dr "), "username", username, "password",
                STRONG_PASSWORD));
    }

    JsonNode newNurse(Credential admin, String ward, String username) {
        return ok("POST", "/nurses", admin, Map.of("name", unique("Nurse "), "ward", ward, "username", username,
                "password", STRONG_PASSWORD));
    }

    long admit(Credential caller, long patientId, long doctorId, long roomId) {
        return ok("POST", "/encounters", caller, Map.of("patient_id", patientId, "doctor_id", doctorId, "room_id",
                roomId)).path("id").asLong();
    }

    String deviceKey(Credential admin, long roomId) {
        return ok("POST", "/devices", admin, Map.of("room_id", roomId)).path("key").asString();
    }

    static Map<String, Object> reading(long patientId, long encounterId, Instant at, int heartRate) {
        return Map.of("patient_id", patientId, "encounter_id", encounterId, "timestamp", at.toString(), "hr_bpm",
                heartRate);
    }
}
