package org.hospital.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and verifies access tokens: HS256 only (the algorithm is pinned, so {@code none} and RS/HS confusion are
 * refused), with issuer, audience, expiry and a unique id checked on every request.
 */
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final int MIN_SECRET_BYTES = 32;

    /** Tokens verified recently: a client sends the same token with every request for its whole lifetime. */
    private static final int VERIFIED_TOKENS = 10_000;

    private final SecretKey key;
    private final JwtProperties properties;
    private final Clock clock;
    private final JwtParser parser;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(VERIFIED_TOKENS).build();

    /** A token that passed every check, and the instant it expires. */
    private record Verified(CurrentUser user, Instant expiresAt) {
    }

    public AccessTokens(JwtProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = Keys.hmacShaKeyFor(secretBytes(properties));
        this.parser = Jwts.parser()
                .verifyWith(key)
                .sig().add(Jwts.SIG.HS256).and()
                .requireIssuer(properties.issuer())
                .requireAudience(properties.audience())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    private static byte[] secretBytes(JwtProperties properties) {
        if (properties.secret() != null && !properties.secret().isBlank()) {
            byte[] bytes = properties.secret().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("hospital.security.jwt.secret must be at least 32 bytes");
            }
            return bytes;
        }
        if (properties.ephemeralSecret()) {
            log.warn("Using an ephemeral random token secret: tokens stop working when this process stops");
            byte[] bytes = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(bytes);
            return bytes;
        }
        throw new IllegalStateException(
                "No token secret configured: set HOSPITAL_JWT_SECRET (hospital.security.jwt.secret), 32+ bytes");
    }

    public Duration lifetime() {
        return properties.accessTokenTtl();
    }

    public String issue(CurrentUser user) {
        Instant now = clock.instant();
        return Jwts.builder()
                .header().add("typ", "JWT").and()
                .id(UUID.randomUUID().toString())
                .subject(String.valueOf(user.userId()))
                .issuer(properties.issuer())
                .audience().add(properties.audience()).and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.accessTokenTtl())))
                .claim("role", user.role().wireName())
                .claim("username", user.username())
                .claim("doctor_id", user.doctorId())
                .claim("nurse_id", user.nurseId())
                .claim("ward", user.ward())
                .claim("patient_id", user.patientId())
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /**
     * The caller named by a valid token, or empty for any token that fails a check. A token verified before is
     * answered from memory until it expires (the same exact string was signed by this key; only the time can have
     * changed); a token that failed is checked again every time.
     */
    public Optional<CurrentUser> verify(String token) {
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            return clock.instant().isBefore(known.expiresAt()) ? Optional.of(known.user()) : Optional.empty();
        }
        Optional<Verified> checked = check(token);
        checked.ifPresent(v -> verified.put(token, v));
        return checked.map(Verified::user);
    }

    private Optional<Verified> check(String token) {
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            // The parser accepts every HMAC algorithm the key is long enough for; only HS256 is ours.
            if (!Jwts.SIG.HS256.getId().equals(jws.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            Claims claims = jws.getPayload();
            if (claims.getId() == null || claims.getExpiration() == null || claims.getIssuedAt() == null) {
                return Optional.empty();
            }
            Role role = Role.fromWireName(claims.get("role", String.class));
            if (role == Role.DEVICE) {
                return Optional.empty();
            }
            return Optional.of(new Verified(new CurrentUser(Long.valueOf(claims.getSubject()),
                    claims.get("username", String.class), role, longClaim(claims, "doctor_id"),
                    longClaim(claims, "nurse_id"), claims.get("ward", String.class), longClaim(claims, "patient_id"),
                    null, null), claims.getExpiration().toInstant()));
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Long longClaim(Claims claims, String name) {
        Number value = claims.get(name, Number.class);
        return value == null ? null : value.longValue();
    }
}
