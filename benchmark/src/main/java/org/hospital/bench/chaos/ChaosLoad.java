package org.hospital.bench.chaos;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.hospital.bench.BenchEncounter;
import org.hospital.bench.HttpApi;
import org.hospital.bench.KafkaObserver;
import org.hospital.bench.ReadingSource;

/**
 * Steady open-model load while the scenario kills and restarts processes: reading k is due at {@code start + k /
 * rate} and goes to one of the two command instances (alternately for each encounter) with {@code Idempotency-Key}
 * "chaos-k". A first attempt that gets no answer at all (connection refused or reset, timeout) is sent once more,
 * with the same key, to the other instance, as a device would; the system must store it once. Twice a second a
 * read of an encounter's recent vitals goes to the query instances in turn. Every outcome is counted in the phase that was current when it was due.
 */
final class ChaosLoad {

    private static final long READ_INTERVAL_NANOS = 500_000_000L;

    private final List<String> commandInstances;
    private final List<HttpApi> commandApis;
    private final List<String> queryInstances;
    private final List<HttpApi> queryApis;
    private final String nurseToken;
    private final List<BenchEncounter> encounters;
    private final ReadingSource readings;
    private final KafkaObserver observer;
    private final int rate;
    private final boolean retry;
    private final Set<Long> acknowledgedIds = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final List<Phase> phases = new CopyOnWriteArrayList<>();
    private volatile Phase current;
    private volatile boolean running = true;
    private Thread scheduler;

    ChaosLoad(List<String> commandInstances, List<HttpApi> commandApis, List<String> queryInstances,
              List<HttpApi> queryApis, String nurseToken, List<BenchEncounter> encounters, ReadingSource readings,
              KafkaObserver observer, int rate, boolean retry) {
        this.commandInstances = commandInstances;
        this.commandApis = commandApis;
        this.queryInstances = queryInstances;
        this.queryApis = queryApis;
        this.nurseToken = nurseToken;
        this.encounters = encounters;
        this.readings = readings;
        this.observer = observer;
        this.rate = rate;
        this.retry = retry;
    }

    /** Ends the current phase and starts the next; readings due from now on count in it. */
    synchronized Phase phase(String name) {
        long now = System.nanoTime();
        if (current != null) {
            current.end(now);
        }
        current = new Phase(name, now);
        phases.add(current);
        return current;
    }

    void start(String firstPhase) {
        phase(firstPhase);
        scheduler = Thread.ofPlatform().name("chaos-load").start(this::schedule);
    }

    /** Stops sending and waits for every answer (bounded by the request timeout and one retry). */
    void stop() throws InterruptedException {
        running = false;
        scheduler.join();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        current.end(System.nanoTime());
    }

    List<Phase> phases() {
        return List.copyOf(phases);
    }

    Set<Long> acknowledgedIds() {
        return acknowledgedIds;
    }

    private void schedule() {
        long intervalNanos = Math.round(1e9 / rate);
        long start = System.nanoTime();
        long wallOffsetMillis = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(start);
        long nextRead = start;
        int reads = 0;
        for (long k = 0; running; k++) {
            long intended = start + k * intervalNanos;
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            send(k, intended, wallOffsetMillis + TimeUnit.NANOSECONDS.toMillis(now));
            if (now >= nextRead) {
                read(reads++);
                nextRead += READ_INTERVAL_NANOS;
            }
        }
    }

    private void send(long k, long intended, long nowMillis) {
        Phase phase = current;
        phase.sent();
        ReadingSource.Reading reading = readings.next(nowMillis);
        KafkaObserver.ExpectedAlert alert = reading.breach() == null ? null
                : observer.expectAlert(reading.encounter().id(), reading.timestampMillis(), intended);
        // each encounter's readings alternate between the instances, so both append to the same aggregates
        int first = (int) ((k % encounters.size() + k / encounters.size()) % 2);
        String key = "chaos-" + k;
        CompletableFuture<Boolean> answer = attempt(first, reading.json(), key).thenCompose(outcome -> {
            phase.firstAttempt(commandInstances.get(first), outcome.label());
            if (outcome.answered() || !retry) {
                return CompletableFuture.completedFuture(outcome.acknowledged());
            }
            return attempt(1 - first, reading.json(), key).thenApply(second -> {
                phase.retried(second.acknowledged());
                return second.acknowledged();
            });
        });
        track(answer.whenComplete((acknowledged, failure) -> {
            boolean ok = Boolean.TRUE.equals(acknowledged);
            phase.answered(ok, System.nanoTime() - intended);
            if (alert != null) {
                if (ok) {
                    alert.acknowledgedNanos = System.nanoTime();
                } else {
                    alert.rejected = true;
                }
            }
        }));
    }

    private record Outcome(String label, boolean answered, boolean acknowledged) {
    }

    private CompletableFuture<Outcome> attempt(int instance, String json, String key) {
        return commandApis.get(instance).postAsync("/vitals", nurseToken, json, key).handle((response, failure) -> {
            if (response != null) {
                boolean created = response.statusCode() == 201;
                if (created) {
                    acknowledgedIds.add(HttpApi.parse(response.body()).path("data").path("id").asLong());
                }
                return new Outcome(label(response), true, created);
            }
            return new Outcome(label(failure), false, false);
        });
    }

    private void read(int n) {
        Phase phase = current;
        int instance = n % queryApis.size();
        BenchEncounter encounter = encounters.get(n % encounters.size());
        CompletableFuture<?> answer = queryApis.get(instance)
                .getAsync("/patients/" + encounter.patientId() + "/vitals/recent", nurseToken)
                .handle((response, failure) -> {
                    phase.read(queryInstances.get(instance), response != null ? label(response) : label(failure));
                    return null;
                });
        track(answer);
    }

    static String label(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 300) {
            return "HTTP " + status;
        }
        String code = HttpApi.parse(response.body()).path("code").asString("");
        return "HTTP " + status + (code.isEmpty() ? "" : " " + code);
    }

    /** No answer: refused (the instance is down), timeout, or the connection broke (killed while answering). */
    static String label(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ConnectException) {
            return "refused";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        return "broken " + cause.getClass().getSimpleName();
    }

    private void track(CompletableFuture<?> future) {
        inFlight.add(future);
        future.whenComplete((ignored, failure) -> inFlight.remove(future));
    }
}
