package org.hospital.command.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing with progressive waits instead of lock-outs (docs/security.md, Sign-in throttling). Three
 * subjects are counted for every failed sign-in: the account name at the client's address, the account name from
 * anywhere, and the address whatever the name. Each may fail a few times for free; after that every failure makes
 * it wait twice as long as the one before, up to its cap, before its next attempt is even checked. Failures drain
 * over time, so occasional typos never add up, and a correct password clears the account's counts (not the
 * address's, or an attacker could clear their own address with an account of their own). Names are counted whether
 * or not the account exists, so the answer tells nothing about existence. The counts live in PostgreSQL, shared by
 * every command-side instance.
 */
@Component
class LoginThrottle {

    /**
     * How one kind of subject is throttled: {@code free} failures without a wait, then waits from one second
     * doubling up to {@code maxWait}; one failure drains every {@code drainOne}.
     */
    record Limit(String kind, int free, Duration maxWait, Duration drainOne) {

        private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

        /** The wait a subject must keep after a failure that brought its (drained) failures to {@code level}. */
        Duration waitAt(double level) {
            double beyondFree = Math.ceil(level - free);
            if (beyondFree < 1) {
                return Duration.ZERO;
            }
            Duration wait = FIRST_WAIT.multipliedBy(1L << (int) Math.min(beyondFree - 1, 30));
            return wait.compareTo(maxWait) > 0 ? maxWait : wait;
        }

        Counted of(String key) {
            return new Counted(this, kind + ':' + key);
        }
    }

    /** One subject a failed sign-in is counted against, and its limit. */
    private record Counted(Limit limit, String subject) {
    }

    /** Someone at one workstation guessing one account: slow soon, up to a quarter of an hour between tries. */
    static final Limit ACCOUNT_AT_ADDRESS = new Limit("account-at-address", 3, Duration.ofMinutes(15),
            Duration.ofMinutes(10));
    /**
     * Guesses at one account from many addresses. The wait is capped at a minute because it falls on the account's
     * owner as well: an attacker elsewhere can slow a clinician down, never lock them out.
     */
    static final Limit ACCOUNT = new Limit("account", 10, Duration.ofMinutes(1), Duration.ofMinutes(5));
    /** One address trying many names (password spraying); drains fast, so a busy ward workstation's typos never add up. */
    static final Limit ADDRESS = new Limit("address", 20, Duration.ofMinutes(15), Duration.ofMinutes(1));

    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private static final String COUNT_FAILURE = """
            INSERT INTO sign_in_failures AS f (subject, level, updated_at, blocked_until) VALUES (?, 1, ?, ?)
            ON CONFLICT (subject) DO UPDATE
            SET level = GREATEST(0, f.level
                    - GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED.updated_at - f.updated_at)) / ?) + 1,
                updated_at = GREATEST(f.updated_at, EXCLUDED.updated_at)
            RETURNING level""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.MIN);

    LoginThrottle(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long the caller must wait before a sign-in is checked, or empty when it may be attempted now. */
    Optional<Duration> retryAfter(String username, String address) {
        Instant now = clock.instant();
        List<Counted> counted = countedFor(username, address);
        Timestamp until = jdbc.queryForObject("SELECT max(blocked_until) FROM sign_in_failures WHERE subject IN (?, ?, ?)",
                Timestamp.class, counted.get(0).subject(), counted.get(1).subject(), counted.get(2).subject());
        if (until == null || !until.toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until.toInstant()));
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        for (Counted counted : countedFor(username, address)) {
            double drainSeconds = counted.limit().drainOne().toMillis() / 1000.0;
            Double level = jdbc.queryForObject(COUNT_FAILURE, Double.class, counted.subject(), at, at, drainSeconds);
            Duration wait = counted.limit().waitAt(level == null ? 1 : level);
            if (!wait.isZero()) {
                jdbc.update("UPDATE sign_in_failures SET blocked_until = GREATEST(blocked_until, ?) WHERE subject = ?",
                        Timestamp.from(now.plus(wait)), counted.subject());
            }
        }
        sweepNowAndThen(now);
    }

    /** A correct password ends the account's runs of failures; the address keeps its count. */
    void succeeded(String username, String address) {
        List<Counted> counted = countedFor(username, address);
        jdbc.update("DELETE FROM sign_in_failures WHERE subject IN (?, ?)", counted.get(0).subject(),
                counted.get(1).subject());
    }

    /** Bounds the rows an attacker can make us keep: a subject quiet for a day has drained and is forgotten. */
    private void sweepNowAndThen(Instant now) {
        Instant last = lastSweep.get();
        if (last.isAfter(now.minus(SWEEP_EVERY)) || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        jdbc.update("DELETE FROM sign_in_failures WHERE updated_at < ? AND blocked_until < ?",
                Timestamp.from(now.minus(FORGOTTEN_AFTER)), Timestamp.from(now));
    }

    /** In the order of the limits: the name at the address, the name, the address. */
    private static List<Counted> countedFor(String username, String address) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return List.of(ACCOUNT_AT_ADDRESS.of(name + '@' + address), ACCOUNT.of(name), ADDRESS.of(address));
    }
}
