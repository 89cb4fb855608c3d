package org.hospital.command.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing (OWASP Authentication Cheat Sheet, "login throttling"): at most {@value #PER_ACCOUNT}
 * failed sign-ins per account name and {@value #PER_ADDRESS} per client address within a sliding
 * {@link #WINDOW}. Counted by name whether or not the account exists, so the answer tells nothing about existence.
 * The windows live in this process's memory: an instance restart forgets them, and several instances would each
 * allow the limit; a multi-instance deployment would keep them in a shared PostgreSQL table instead.
 */
@Component
class LoginThrottle {

    static final int PER_ACCOUNT = 5;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Bounds the memory an attacker can make us spend on names: expired windows are dropped beyond this. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait before trying again, or empty when a sign-in may be attempted now. */
    Optional<Duration> retryAfter(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> account = retryAfter(accountKey(username), PER_ACCOUNT, now);
        Optional<Duration> client = retryAfter(addressKey(address), PER_ADDRESS, now);
        if (account.isPresent() && client.isPresent()) {
            return Optional.of(account.get().compareTo(client.get()) >= 0 ? account.get() : client.get());
        }
        return account.isPresent() ? account : client;
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        record(accountKey(username), now);
        record(addressKey(address), now);
        if (failures.size() > SWEEP_ABOVE) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    prune(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
    }

    /** A correct password ends the account's run of failures; the address keeps its count. */
    void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    private Optional<Duration> retryAfter(String key, int limit, Instant now) {
        Deque<Instant> window = failures.get(key);
        if (window == null) {
            return Optional.empty();
        }
        synchronized (window) {
            prune(window, now);
            if (window.size() < limit) {
                return Optional.empty();
            }
            // The window reopens when enough of its oldest failures have aged out to fall below the limit.
            Instant reopens = window.stream().skip(window.size() - limit).findFirst().orElseThrow().plus(WINDOW);
            Duration wait = Duration.between(now, reopens);
            return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> window = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (window) {
            prune(window, now);
            window.addLast(now);
        }
    }

    private static void prune(Deque<Instant> window, Instant now) {
        Instant horizon = now.minus(WINDOW);
        while (!window.isEmpty() && !window.peekFirst().isAfter(horizon)) {
            window.pollFirst();
        }
    }

    private static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
