package org.hospital.command.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque refresh tokens, stored as SHA-256 digests. A family is one sign-in's chain of rotations: each token works
 * once and is replaced by a new one of the same family. A token presented a second time means a copy is in someone
 * else's hands (OAuth 2.0 Security BCP, RFC 9700 §4.14.2): the whole family is revoked, so neither the thief's nor
 * the owner's chain works any longer and the owner must sign in again.
 */
@Component
class RefreshTokens {

    static final Duration LIFETIME = Duration.ofDays(7);
    private static final int MAX_TOKEN_LENGTH = 200;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RefreshTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A refresh token exchanged for its successor. */
    record Rotation(long userId, String newToken) {
    }

    String issueNewFamily(long userId) {
        return issue(userId, UUID.randomUUID());
    }

    private String issue(long userId, UUID family) {
        String token = Secrets.newSecret();
        jdbc.update("INSERT INTO refresh_token (token_hash, user_id, family_id, expires_at) VALUES (?, ?, ?, ?)",
                Secrets.sha256Hex(token), userId, family, Timestamp.from(clock.instant().plus(LIFETIME)));
        return token;
    }

    /**
     * Spends the token and issues its successor, or empty when the token is unknown, expired, revoked or already
     * spent; a spent one revokes its family. The spend is one conditional UPDATE, so of two concurrent uses of the
     * same token exactly one wins and the other counts as reuse. Runs in its own transaction so that a revocation
     * stays even though the caller then answers 401.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Optional<Rotation> rotate(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(token);
        Optional<long[]> spent = jdbc.query("""
                        UPDATE refresh_token SET used_at = now()
                        WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
                        RETURNING user_id""",
                (rs, n) -> new long[] {rs.getLong(1)}, hash, Timestamp.from(clock.instant())).stream().findFirst();
        if (spent.isEmpty()) {
            boolean reused = Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM refresh_token WHERE token_hash = ? AND used_at IS NOT NULL)",
                    Boolean.class, hash));
            if (reused) {
                revokeFamilyOf(hash);
            }
            return Optional.empty();
        }
        UUID family = jdbc.queryForObject("SELECT family_id FROM refresh_token WHERE token_hash = ?", UUID.class,
                hash);
        long userId = spent.get()[0];
        return Optional.of(new Rotation(userId, issue(userId, family)));
    }

    /** Revokes the family of this token (sign-out); unknown tokens change nothing. */
    void revokeFamily(String token) {
        if (token != null && token.length() <= MAX_TOKEN_LENGTH) {
            revokeFamilyOf(Secrets.sha256Hex(token));
        }
    }

    void revokeAllOf(long userId) {
        jdbc.update("UPDATE refresh_token SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL", userId);
    }

    private void revokeFamilyOf(String tokenHash) {
        jdbc.update("""
                UPDATE refresh_token SET revoked_at = now()
                WHERE revoked_at IS NULL
                  AND family_id = (SELECT family_id FROM refresh_token WHERE token_hash = ?)""", tokenHash);
    }
}
