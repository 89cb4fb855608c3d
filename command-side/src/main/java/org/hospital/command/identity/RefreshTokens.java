package org.hospital.command.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens, stored as SHA-256 digests with a family per sign-in so that rotation and reuse detection
 * (a later issue) can revoke a whole family.
 */
@Component
class RefreshTokens {

    static final Duration LIFETIME = Duration.ofDays(7);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RefreshTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String issueNewFamily(long userId) {
        String token = Secrets.newSecret();
        jdbc.update("INSERT INTO refresh_token (token_hash, user_id, family_id, expires_at) VALUES (?, ?, ?, ?)",
                Secrets.sha256Hex(token), userId, UUID.randomUUID(), Timestamp.from(clock.instant().plus(LIFETIME)));
        return token;
    }
}
