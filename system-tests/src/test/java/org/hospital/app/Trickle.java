package org.hospital.app;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A steady stream of single readings over HTTP, as bedside devices send them, round robin over a few encounters.
 * Each request runs on its own virtual thread, so a slow answer (while a server is down) does not slow the stream;
 * every answer is kept with its status, body, latency and the phase the test had named when it was sent.
 */
final class Trickle implements AutoCloseable {

    record Encounter(long id, long patientId) {
    }

    record Sent(long sequence, String phase, long encounterId, Instant timestamp, int heartRate, int status,
                JsonNode body, long millis, long answeredAtNanos) {

        boolean acknowledged() {
            return status == 201;
        }

        long readingId() {
            return body.get("data").get("id").asLong();
        }
    }

    private final HttpApi api;
    private final String nurseToken;
    private final List<Encounter> encounters;
    private final int perSecond;
    private final Duration interval;
    private final Instant firstTimestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);
    private final AtomicLong sequence = new AtomicLong();
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private volatile String phase = "before";
    private volatile Predicate<Encounter> tripping = e -> false;

    Trickle(HttpApi api, String nurseToken, List<Encounter> encounters, int perSecond) {
        this.api = api;
        this.nurseToken = nurseToken;
        this.encounters = List.copyOf(encounters);
        this.perSecond = perSecond;
        this.interval = Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) / perSecond);
        ticker.scheduleAtFixedRate(() -> senders.execute(this::sendOne), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Names the phase that readings sent from now on belong to. */
    void phase(String name) {
        phase = name;
    }

    /** Every tenth reading of the encounters this accepts has a pulse of 140 (tachycardia, NEWS2 red score). */
    void trip(Predicate<Encounter> encounters) {
        tripping = encounters;
    }

    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    List<Sent> sent(String phase) {
        return sent().stream().filter(s -> s.phase().equals(phase)).toList();
    }

    /**
     * True when the {@code count} readings sent before the last second (whose answers may still be on their way)
     * are all answered with 201: the system keeps up again.
     */
    boolean keepsUp(int count) {
        long to = sequence.get() - perSecond;
        long from = to - count;
        List<Sent> window = sent().stream().filter(s -> s.sequence() >= from && s.sequence() < to).toList();
        return from >= 0 && window.size() == count && window.stream().allMatch(Sent::acknowledged);
    }

    /** Stops sending and waits for the answers still outstanding. */
    @Override
    public void close() {
        ticker.shutdownNow();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(90, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Readings still unanswered after 90 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Count, answers by status, and latency p50 and max of the readings sent in a phase, for the outage report. */
    String summary(String phase) {
        List<Sent> inPhase = sent(phase);
        if (inPhase.isEmpty()) {
            return String.format("%-12s none sent", phase);
        }
        Map<Integer, Long> byStatus = inPhase.stream()
                .collect(Collectors.groupingBy(Sent::status, TreeMap::new, Collectors.counting()));
        long[] millis = inPhase.stream().mapToLong(Sent::millis).sorted().toArray();
        return String.format("%-12s %5d sent  statuses %-22s latency p50 %5d ms  max %5d ms", phase, millis.length,
                byStatus, millis[(millis.length - 1) / 2], millis[millis.length - 1]);
    }

    private void sendOne() {
        long n = sequence.getAndIncrement();
        String sentInPhase = phase;
        Encounter encounter = encounters.get((int) (n % encounters.size()));
        // Distinct, steadily increasing measurement times keep every reading's natural key unique.
        Instant timestamp = firstTimestamp.plus(interval.multipliedBy(n));
        int heartRate = tripping.test(encounter) && (n / encounters.size()) % 10 == 0 ? 140 : 78;
        String json = "{\"patient_id\":" + encounter.patientId() + ",\"encounter_id\":" + encounter.id()
                + ",\"timestamp\":\"" + timestamp + "\",\"hr_bpm\":" + heartRate
                + ",\"spo2_pct\":97,\"temp_c\":37.0,\"bp_systolic\":120,\"bp_diastolic\":80,\"resp_rate\":16}";
        long started = System.nanoTime();
        int status;
        JsonNode body;
        try {
            HttpApi.Response response = api.post("/vitals", nurseToken, json);
            status = response.status();
            body = response.body();
        } catch (RuntimeException e) {
            // No answer at all (connection refused, timeout): recorded as status 0.
            status = 0;
            body = null;
        }
        long answered = System.nanoTime();
        sent.add(new Sent(n, sentInPhase, encounter.id(), timestamp, heartRate, status, body,
                TimeUnit.NANOSECONDS.toMillis(answered - started), answered));
    }
}
