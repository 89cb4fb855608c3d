package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Forged, altered and misused tokens against the running system: every one is answered 401 in the envelope, on the
 * command side, the query side and a write, and the write stores nothing.
 */
@Tag("integration")
class TokenForgeryTest {

    private static final String ISSUER = "hospital-backend";
    private static final String AUDIENCE = "hospital-api";

    private static RunningSystem system;
    private static String databaseUrl;
    private static RawHttp http;
    private static String adminToken;
    private static String nurseToken;
    private static String patientToken;
    private static String refreshToken;
    private static String deviceKey;
    private static long adminId;

    @BeforeAll
    static void start() {
        databaseUrl = TestInfrastructure.shared().newDatabase("forgery");
        system = RunningSystem.start("all", databaseUrl, "demo");
        http = new RawHttp(system.port());
        HttpApi api = system.api();
        adminToken = api.login("admin", "password");
        nurseToken = api.login("nurse_joy", "password");
        patientToken = api.login("patient_1", "password");
        adminId = api.get("/auth/me", adminToken).data().get("id").asLong();
        refreshToken = api.post("/auth/login", null, "{\"username\":\"admin\",\"password\":\"password\"}")
                .data().get("refresh_token").asString();
        HttpApi.Response device = api.post("/devices", adminToken, "{\"room_id\":1}");
        assertThat(device.status()).as(device.toString()).isEqualTo(201);
        deviceKey = device.data().get("key").asString();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theGenuineTokenIsAcceptedSoTheRefusalsBelowMeanSomething() {
        assertThat(http.send(meWith(adminToken)).status()).isEqualTo(200);
        assertThat(http.send(overviewWith(adminToken)).status()).isIn(200, 404);
    }

    @Test
    void forgedAlteredAndMisusedTokensAreRefusedWith401InTheEnvelopeAndStoreNothing() {
        Map<String, String> before = CommandSideState.of(databaseUrl);
        List<String> failures = new ArrayList<>();
        forgeries().forEach((name, token) -> {
            for (RawHttp.Call call : List.of(meWith(token), overviewWith(token), admitWith(token))) {
                RawHttp.Answer answer = http.send(call);
                List<String> problems = new ArrayList<>(ResponseRules.broken(call, answer));
                if (answer.status() != 401 || !answer.body().contains("\"UNAUTHENTICATED\"")) {
                    problems.add("expected 401 UNAUTHENTICATED");
                }
                if (!problems.isEmpty()) {
                    failures.add(name + ": " + call.method() + " " + call.path() + " -> " + answer.status() + " "
                            + answer.body() + " " + problems);
                }
            }
        });
        assertThat(failures).isEmpty();
        assertThat(CommandSideState.of(databaseUrl)).isEqualTo(before);
    }

    @Test
    void aTokenLargerThanTheContainerTakesIsRefusedInTheEnvelopeToo() {
        // Over Tomcat's header limit (8 KiB) the container refuses the request before any filter: 400, not 401.
        RawHttp.Answer answer = http.send(meWith(adminToken + "A".repeat(20_000)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(ResponseRules.broken(meWith("x"), answer)).isEmpty();
    }

    @Test
    void aDeviceKeyIsNotAUserCredential() {
        // A device authenticates (it may post vitals, and ask who it is) but may act as nothing else.
        RawHttp.Answer me = http.send(meWith(deviceKey));
        assertThat(me.status()).isEqualTo(200);
        assertThat(ResponseRules.parse(me.body()).get("data").get("role").asString()).isEqualTo("device");
        for (RawHttp.Call call : List.of(overviewWith(deviceKey), admitWith(deviceKey))) {
            RawHttp.Answer answer = http.send(call);
            assertThat(answer.status()).as(call + " -> " + answer.body()).isEqualTo(403);
            assertThat(ResponseRules.broken(call, answer)).isEmpty();
        }
    }

    private static Map<String, String> forgeries() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> admin = claims(adminId, "admin", now);
        byte[] secret = RunningSystem.TEST_SECRET.getBytes(StandardCharsets.UTF_8);
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String[] genuine = adminToken.split("\\.");
        String[] nurse = nurseToken.split("\\.");
        String[] patient = patientToken.split("\\.");

        Map<String, String> forged = new LinkedHashMap<>();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            forged.put("alg " + none, unsigned(none, admin));
        }
        forged.put("alg none keeping the signature", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + genuine[1]
                + "." + genuine[2]);
        forged.put("no alg", b64("{\"typ\":\"JWT\"}") + "." + b64(json(admin)) + ".");
        forged.put("HS256 with another key", hmac("HS256", "HmacSHA256", otherKey, admin));
        forged.put("HS256 with the key 'secret'", hmac("HS256", "HmacSHA256",
                "secret".getBytes(StandardCharsets.UTF_8), admin));
        forged.put("HS384 with the right key", hmac("HS384", "HmacSHA384", secret, admin));
        forged.put("HS512 with the right key", hmac("HS512", "HmacSHA512", secret, admin));
        forged.put("HS256 header, signed with HS512 and the right key", sign("HS256", "HmacSHA512", secret, admin));
        forged.put("RS256 header over an HMAC signature", hmac("RS256", "HmacSHA256", secret, admin));
        forged.put("kid pointing elsewhere", signedWithHeader("{\"alg\":\"HS256\",\"kid\":\"../../dev/null\"}",
                otherKey, admin));
        forged.put("jku pointing elsewhere", signedWithHeader(
                "{\"alg\":\"HS256\",\"jku\":\"http://127.0.0.1:1/keys\"}", otherKey, admin));
        forged.put("wrong issuer", hmac("HS256", "HmacSHA256", secret, with(admin, "iss", "elsewhere")));
        forged.put("wrong audience", hmac("HS256", "HmacSHA256", secret, with(admin, "aud", "other-api")));
        forged.put("no issuer", hmac("HS256", "HmacSHA256", secret, with(admin, "iss", null)));
        forged.put("no audience", hmac("HS256", "HmacSHA256", secret, with(admin, "aud", null)));
        forged.put("expired", hmac("HS256", "HmacSHA256", secret, with(with(admin, "exp", now - 60), "iat",
                now - 1000)));
        forged.put("not yet valid", hmac("HS256", "HmacSHA256", secret, with(admin, "nbf", now + 600)));
        forged.put("no expiry", hmac("HS256", "HmacSHA256", secret, with(admin, "exp", null)));
        forged.put("no id", hmac("HS256", "HmacSHA256", secret, with(admin, "jti", null)));
        forged.put("no issued-at", hmac("HS256", "HmacSHA256", secret, with(admin, "iat", null)));
        forged.put("role device", hmac("HS256", "HmacSHA256", secret, with(admin, "role", "device")));
        forged.put("unknown role", hmac("HS256", "HmacSHA256", secret, with(admin, "role", "superuser")));
        forged.put("subject not a number", hmac("HS256", "HmacSHA256", secret, with(admin, "sub", "admin")));
        forged.put("nurse's token with role changed to admin", nurse[0] + "." + b64(decode(nurse[1])
                .replace("\"nurse\"", "\"admin\"")) + "." + nurse[2]);
        forged.put("patient's token with patient id changed", patient[0] + "." + b64(decode(patient[1])
                .replaceAll("\"patient_id\":\\d+", "\"patient_id\":2")) + "." + patient[2]);
        forged.put("signature of another token", genuine[0] + "." + genuine[1] + "." + nurse[2]);
        forged.put("signature removed", genuine[0] + "." + genuine[1] + ".");
        forged.put("signature truncated", genuine[0] + "." + genuine[1] + "." + genuine[2].substring(0, 20));
        forged.put("signature with a character changed", genuine[0] + "." + genuine[1] + "."
                + flip(genuine[2]));
        forged.put("trailing garbage", adminToken + "AAAA");
        forged.put("extra segment", adminToken + ".AAAA");
        forged.put("JWE shape", genuine[0] + "..AAAA.BBBB.CCCC");
        forged.put("header only", genuine[0]);
        forged.put("two parts", genuine[0] + "." + genuine[1]);
        forged.put("dots only", "..");
        forged.put("truncated in the payload", adminToken.substring(0, genuine[0].length() + 10));
        forged.put("truncated by one", adminToken.substring(0, adminToken.length() - 1));
        forged.put("payload not JSON", genuine[0] + "." + b64("not json") + "." + genuine[2]);
        forged.put("payload an array", hmac("HS256", "HmacSHA256", secret, "[1,2,3]"));
        forged.put("huge token", adminToken + "." + "A".repeat(6000));
        forged.put("refresh token as access token", refreshToken);
        forged.put("unknown opaque value", "not-a-token-at-all");
        forged.put("device key with a character changed", flip(deviceKey));
        return forged;
    }

    private static RawHttp.Call meWith(String token) {
        return RawHttp.Call.of("me", "GET", "/auth/me").header("Authorization", "Bearer " + token);
    }

    private static RawHttp.Call overviewWith(String token) {
        return RawHttp.Call.of("overview", "GET", "/encounters/1/overview").header("Authorization", "Bearer " + token);
    }

    private static RawHttp.Call admitWith(String token) {
        return RawHttp.Call.of("admit", "POST", "/encounters").header("Authorization", "Bearer " + token)
                .json("{\"patient_id\":3,\"doctor_id\":1}");
    }

    private static Map<String, Object> claims(long userId, String role, long now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("sub", String.valueOf(userId));
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.put("role", role);
        claims.put("username", "admin");
        return claims;
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return changed;
    }

    private static String json(Map<String, Object> claims) {
        return HttpApi.JSON.writeValueAsString(claims);
    }

    private static String unsigned(String alg, Map<String, Object> claims) {
        return b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(json(claims)) + ".";
    }

    private static String hmac(String alg, String macAlgorithm, byte[] key, Map<String, Object> claims) {
        return hmac(alg, macAlgorithm, key, json(claims));
    }

    private static String hmac(String alg, String macAlgorithm, byte[] key, String payload) {
        String signingInput = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(payload);
        return signingInput + "." + mac(macAlgorithm, key, signingInput);
    }

    private static String sign(String alg, String macAlgorithm, byte[] key, Map<String, Object> claims) {
        return hmac(alg, macAlgorithm, key, claims);
    }

    private static String signedWithHeader(String header, byte[] key, Map<String, Object> claims) {
        String signingInput = b64(header) + "." + b64(json(claims));
        return signingInput + "." + mac("HmacSHA256", key, signingInput);
    }

    private static String mac(String algorithm, byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String flip(String value) {
        int middle = value.length() / 2;
        char changed = value.charAt(middle) == 'A' ? 'B' : 'A';
        return value.substring(0, middle) + changed + value.substring(middle + 1);
    }
}
