package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Administration of accounts, devices and the register, token rotation, sign-out, deactivation and throttling. */
class IdentityIntegrationTest extends CommandSideHttpTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void createsStaffWithAccountsThatCanSignIn() {
        Credential admin = demo("admin");
        String username = unique("nurse.");
        JsonNode nurse = newNurse(admin, "Oncology", username);
        assertThat(nurse.path("ward").asString()).isEqualTo("Oncology");
        Credential signedIn = login(username, STRONG_PASSWORD);
        JsonNode me = ok("GET", "/auth/me", signedIn, null);
        assertThat(me.path("role").asString()).isEqualTo("nurse");
        assertThat(me.path("nurse_id").asLong()).isEqualTo(nurse.path("id").asLong());
        assertThat(auditRows("user", nurse.path("user_id").asLong(), "user.created")).isEqualTo(1);

        Reply taken = send("POST", "/doctors", admin, Map.of("name", "Dr Twin", "username", username,
                "password", STRONG_PASSWORD));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM doctor WHERE name = 'Dr Twin'", Integer.class))
                .as("the doctor is not registered when the account fails").isZero();
    }

    @Test
    void validatesAdministrativeInputStrictly() {
        Credential admin = demo("admin");
        assertThat(send("POST", "/patients", admin, Map.of("name", "X", "date_of_birth", "1980-01-01",
                "gender", "Q")).status()).isEqualTo(400);
        assertThat(send("POST", "/patients", admin, Map.of("name", "  ", "date_of_birth", "1980-01-01",
                "gender", "F")).status()).isEqualTo(400);
        assertThat(send("POST", "/patients", admin, Map.of("name", "Future", "date_of_birth", "2999-01-01",
                "gender", "F")).status()).isEqualTo(400);
        assertThat(send("POST", "/users", admin, Map.of("username", unique("u"), "password", "short",
                "role", "auditor")).status()).as("password under 12").isEqualTo(400);
        assertThat(send("POST", "/users", admin, Map.of("username", unique("u"), "password", STRONG_PASSWORD,
                "role", "device")).status()).isEqualTo(400);
        assertThat(send("POST", "/users", admin, Map.of("username", unique("u"), "password", STRONG_PASSWORD,
                "role", "doctor", "patient_id", 1)).status()).as("a doctor bound to a patient").isEqualTo(400);
        assertThat(send("POST", "/users", admin, Map.of("username", unique("u"), "password", STRONG_PASSWORD,
                "role", "patient", "patient_id", 9_999_999)).status()).isEqualTo(404);
        assertThat(send("POST", "/users", admin, Map.of("username", "Admin", "password", STRONG_PASSWORD,
                "role", "admin")).status()).as("upper case username").isEqualTo(400);
        assertThat(send("POST", "/rooms", admin, Map.of("room_number", "101", "ward", "ICU")).status())
                .as("room number of the demo data").isEqualTo(409);
        assertThat(send("POST", "/rooms", admin, Map.of("room_number", unique("R"), "ward", "ICU",
                "floor", 3)).status()).as("unknown field").isEqualTo(400);
    }

    @Test
    void issuesAndRevokesDeviceKeysWithAnAuditTrail() {
        Credential admin = demo("admin");
        long room = newRoom(admin, "ICU");
        Reply issued = send("POST", "/devices", admin, Map.of("room_id", room));
        assertThat(issued.status()).isEqualTo(201);
        long deviceId = issued.data().path("id").asLong();
        String key = issued.data().path("key").asString();
        assertThat(key).hasSizeGreaterThan(40);
        assertThat(send("POST", "/devices", admin, Map.of("room_id", 9_999_999)).status()).isEqualTo(404);

        Credential device = Credential.deviceKey(key);
        assertThat(send("POST", "/vitals", device, reading(1, 9_999_999, recently(), 80)).status())
                .as("a valid key reaches the handler").isEqualTo(404);
        assertThat(ok("DELETE", "/devices/" + deviceId, admin, null).path("status").asString())
                .isEqualTo("revoked");
        assertThat(send("POST", "/vitals", device, reading(1, 9_999_999, recently(), 80)).status())
                .as("a revoked key").isEqualTo(401);
        assertThat(send("DELETE", "/devices/" + deviceId, admin, null).status()).isEqualTo(200);
        assertThat(auditRows("device", deviceId, "device.issued")).isEqualTo(1);
        assertThat(auditRows("device", deviceId, "device.revoked")).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.update("DELETE FROM identity_audit")).hasMessageContaining("append-only");
    }

    @Test
    void rotatesRefreshTokensAndRevokesTheFamilyOnReuse() {
        JsonNode first = ok("POST", "/auth/login", null, Map.of("username", "dr_house", "password", "password"));
        String original = first.path("refresh_token").asString();
        JsonNode second = ok("POST", "/auth/refresh", null, Map.of("refresh_token", original));
        String rotated = second.path("refresh_token").asString();
        assertThat(rotated).isNotEqualTo(original);
        assertThat(second.path("access_token").asString()).isNotBlank();
        assertThat(second.path("expires_in").asInt()).isEqualTo(900);

        Reply reuse = send("POST", "/auth/refresh", null, Map.of("refresh_token", original));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(send("POST", "/auth/refresh", null, Map.of("refresh_token", rotated)).status())
                .as("the whole family is revoked after reuse").isEqualTo(401);

        String other = ok("POST", "/auth/login", null, Map.of("username", "dr_house", "password", "password"))
                .path("refresh_token").asString();
        assertThat(ok("POST", "/auth/logout", null, Map.of("refresh_token", other)).path("status").asString())
                .isEqualTo("logged_out");
        assertThat(send("POST", "/auth/refresh", null, Map.of("refresh_token", other)).status()).isEqualTo(401);
        assertThat(send("POST", "/auth/refresh", null, Map.of("refresh_token", "made-up")).status())
                .isEqualTo(401);
    }

    @Test
    void deactivatedUsersCanNeitherSignInNorRefreshNorUseTheirTokens() {
        Credential admin = demo("admin");
        String username = unique("aud");
        long userId = ok("POST", "/users", admin, Map.of("username", username, "password", STRONG_PASSWORD,
                "role", "auditor")).path("id").asLong();
        JsonNode pair = ok("POST", "/auth/login", null, Map.of("username", username, "password", STRONG_PASSWORD));
        Credential token = Credential.bearer(pair.path("access_token").asString());
        assertThat(send("GET", "/auth/me", token, null).status()).isEqualTo(200);

        JsonNode deactivated = ok("POST", "/users/" + userId + "/deactivate", admin, null);
        assertThat(deactivated.path("active").asBoolean()).isFalse();
        assertThat(send("GET", "/auth/me", token, null).status()).as("access token refused at once").isEqualTo(401);
        assertThat(send("POST", "/auth/login", null, Map.of("username", username, "password", STRONG_PASSWORD))
                .status()).isEqualTo(401);
        assertThat(send("POST", "/auth/refresh", null, Map.of("refresh_token",
                pair.path("refresh_token").asString())).status()).isEqualTo(401);
        assertThat(auditRows("user", userId, "user.deactivated")).isEqualTo(1);
        long adminId = ok("GET", "/auth/me", admin, null).path("id").asLong();
        assertThat(send("POST", "/users/" + adminId + "/deactivate", admin, null).status()).isEqualTo(409);
    }

    @Test
    void throttlesRepeatedFailedSignInsAlikeForKnownAndUnknownAccounts() {
        Credential admin = demo("admin");
        String username = unique("thr");
        ok("POST", "/users", admin, Map.of("username", username, "password", STRONG_PASSWORD, "role", "auditor"));
        Reply known = failUntilRefused(username);
        Reply ghost = failUntilRefused(unique("ghost"));
        assertThat(known.body().path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(known.body().path("error")).isEqualTo(ghost.body().path("error"));
        assertThat(Long.parseLong(known.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
        assertThat(Long.parseLong(ghost.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
    }

    /**
     * Fails to sign in as {@code username} until told to wait. The first three failures are free and the fourth
     * starts a one-second wait that doubles with each further failure, so a refusal comes within a few attempts.
     */
    private Reply failUntilRefused(String username) {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            Reply reply = send("POST", "/auth/login", null, Map.of("username", username, "password", "wrong-" + attempt));
            statuses.add(reply.status());
            if (reply.status() == 429) {
                assertThat(statuses.subList(0, 4)).as("free failures, then the one that starts the wait: %s", statuses)
                        .containsOnly(401);
                return reply;
            }
        }
        throw new AssertionError("never told to wait: " + statuses);
    }

    @Test
    void passwordHashesCarryTheirAlgorithmAndOlderOnesAreRewrittenAtTheNextSignIn() {
        Credential admin = demo("admin");
        String username = unique("hash");
        ok("POST", "/users", admin, Map.of("username", username, "password", STRONG_PASSWORD, "role", "auditor"));
        assertThat(storedHash(username)).startsWith("{bcrypt}$2");

        jdbc.update("UPDATE app_user SET password_hash = substr(password_hash, 9) WHERE username = ?", username);
        assertThat(storedHash(username)).as("a hash from before algorithms were named").startsWith("$2");
        assertThat(send("POST", "/auth/login", null, Map.of("username", username, "password", STRONG_PASSWORD))
                .status()).isEqualTo(200);
        assertThat(storedHash(username)).startsWith("{bcrypt}$2");
        assertThat(send("POST", "/auth/login", null, Map.of("username", username, "password", STRONG_PASSWORD))
                .status()).isEqualTo(200);
    }

    private String storedHash(String username) {
        return jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, username);
    }

    @Test
    void refusesBodiesOverOneMegabyte() {
        Credential admin = demo("admin");
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\",\"date_of_birth\":\"1970-01-01\",\"gender\":\"F\"}";
        Reply reply = send("POST", "/patients", admin, huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body().path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(reply.body().path("request_id").asString()).isNotBlank();
    }

    private int auditRows(String targetType, long targetId, String action) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM identity_audit
                WHERE target_type = ? AND target_id = ? AND action = ? AND actor_role = 'admin'
                  AND request_id IS NOT NULL""", Integer.class, targetType, targetId, action);
    }
}
