package org.hospital.platform.security;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.hospital.testing.MovableClock;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    private static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");
    private static final CurrentUser DOCTOR =
            new CurrentUser(2L, "dr_house", Role.DOCTOR, 7L, null, null, null, null, null);

    private final AccessTokens tokens = tokensAt(NOW);

    private static AccessTokens tokensAt(Instant instant) {
        return new AccessTokens(properties(SECRET, "hospital-backend", "hospital-api"),
                Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static JwtProperties properties(String secret, String issuer, String audience) {
        return new JwtProperties(secret, false, issuer, audience, Duration.ofMinutes(15));
    }

    @Test
    void acceptsItsOwnTokenAndRestoresTheCaller() {
        assertThat(tokens.verify(tokens.issue(DOCTOR))).contains(DOCTOR);
    }

    @Test
    void rejectsExpiredToken() {
        String token = tokens.issue(DOCTOR);
        assertThat(tokensAt(NOW.plus(Duration.ofMinutes(16))).verify(token)).isEmpty();
    }

    @Test
    void stopsAcceptingATokenItVerifiedBeforeOnceItExpires() {
        MovableClock clock = new MovableClock(NOW);
        AccessTokens remembering = new AccessTokens(properties(SECRET, "hospital-backend", "hospital-api"), clock);
        String token = remembering.issue(DOCTOR);
        assertThat(remembering.verify(token)).contains(DOCTOR);
        clock.set(NOW.plus(Duration.ofMinutes(14)));
        assertThat(remembering.verify(token)).as("still valid, answered from memory").contains(DOCTOR);
        clock.set(NOW.plus(Duration.ofMinutes(15)));
        assertThat(remembering.verify(token)).isEmpty();
    }

    @Test
    void keepsRejectingATamperedCopyOfATokenItVerifiedBefore() {
        String token = tokens.issue(DOCTOR);
        assertThat(tokens.verify(token)).contains(DOCTOR);
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"doctor\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(tokens.verify(forged)).isEmpty();
    }

    @Test
    void rejectsTokenSignedWithAnotherKey() {
        AccessTokens other = new AccessTokens(properties("another-secret-that-is-long-enough-987654321", "hospital-backend",
                "hospital-api"), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(tokens.verify(other.issue(DOCTOR))).isEmpty();
    }

    @Test
    void rejectsTokenForAnotherIssuerOrAudience() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertThat(tokens.verify(new AccessTokens(properties(SECRET, "elsewhere", "hospital-api"), clock)
                .issue(DOCTOR))).isEmpty();
        assertThat(tokens.verify(new AccessTokens(properties(SECRET, "hospital-backend", "other-api"), clock)
                .issue(DOCTOR))).isEmpty();
    }

    @Test
    void rejectsUnsignedTokenWithAlgorithmNone() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64("{\"sub\":\"1\",\"role\":\"admin\",\"iss\":\"hospital-backend\",\"aud\":\"hospital-api\","
                + "\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(600).getEpochSecond()
                + ",\"jti\":\"x\"}");
        assertThat(tokens.verify(header + "." + payload + ".")).isEmpty();
    }

    @Test
    void rejectsTokenWhosePayloadWasAltered() {
        String[] parts = tokens.issue(DOCTOR).split("\\.");
        String forged = base64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"doctor\"", "\"admin\""));
        assertThat(tokens.verify(parts[0] + "." + forged + "." + parts[2])).isEmpty();
    }

    @Test
    void rejectsTokenWithAnotherHmacAlgorithm() {
        String token = Jwts.builder().subject("2").issuer("hospital-backend").audience().add("hospital-api").and()
                .id("j").issuedAt(Date.from(NOW)).expiration(Date.from(NOW.plusSeconds(600)))
                .claim("role", "admin")
                .signWith(Keys.hmacShaKeyFor((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS512)
                .compact();
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void rejectsTokenSignedWithTheRightKeyUnderAnotherHmacAlgorithm() {
        // A secret long enough for HS512 (64 bytes): only the pinned algorithm may be accepted, not any the key fits.
        String longSecret = SECRET + SECRET;
        AccessTokens pinned = new AccessTokens(properties(longSecret, "hospital-backend", "hospital-api"),
                Clock.fixed(NOW, ZoneOffset.UTC));
        for (var algorithm : java.util.List.of(Jwts.SIG.HS384, Jwts.SIG.HS512)) {
            String token = Jwts.builder().subject("2").issuer("hospital-backend").audience().add("hospital-api").and()
                    .id("j").issuedAt(Date.from(NOW)).expiration(Date.from(NOW.plusSeconds(600)))
                    .claim("role", "admin")
                    .signWith(Keys.hmacShaKeyFor(longSecret.getBytes(StandardCharsets.UTF_8)), algorithm)
                    .compact();
            assertThat(pinned.verify(token)).as(algorithm.getId()).isEmpty();
        }
    }

    @Test
    void refusesToStartWithoutASecretOrWithAShortOne() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> new AccessTokens(properties(null, "i", "a"), clock))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AccessTokens(properties("short", "i", "a"), clock))
                .isInstanceOf(IllegalStateException.class);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
