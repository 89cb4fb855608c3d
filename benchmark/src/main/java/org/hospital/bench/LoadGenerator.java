package org.hospital.bench;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Open-model load: request k is due at {@code start + k * interval} whatever happened to earlier requests, is sent
 * asynchronously, and its latency is counted from that intended time, so a stalling server shows up as latency
 * instead of silently lowering the offered rate (no coordinated omission).
 */
final class LoadGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    static final String NOT_SENT = "not sent (max in flight reached)";

    private final PlainHttpClient http;
    private final String nurseToken;
    private final Options options;
    private final ReadingSource readings;
    private final KafkaObserver observer;
    private final ProjectionProbe probe;

    private final LatencyRecorder responseLatency = new LatencyRecorder();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, String> examples = new ConcurrentHashMap<>();
    private final Set<Long> acknowledgedIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastCompletionNanos = new AtomicLong();
    private final Semaphore inFlightPermits;
    private final int sampleEvery;
    private long readingsSent;
    private long maxDispatchLagNanos;

    LoadGenerator(PlainHttpClient http, String nurseToken, Options options, ReadingSource readings,
                  KafkaObserver observer, ProjectionProbe probe) {
        this.http = http;
        this.nurseToken = nurseToken;
        this.options = options;
        this.readings = readings;
        this.observer = observer;
        this.probe = probe;
        this.sampleEvery = options.projectionSample() <= 0 ? Integer.MAX_VALUE
                : (int) Math.max(1, Math.round(1 / options.projectionSample()));
        this.inFlightPermits = new Semaphore(options.maxInFlight());
    }

    record Result(long requests, long readingsOffered, long readingsSent, long readingsAcknowledged,
                  double offeredSeconds,
                  double completedSeconds, double maxDispatchLagMs, Percentiles responseLatency,
                  Map<String, Long> outcomes, Map<String, String> errorExamples, Set<Long> acknowledgedIds) {

        /** Readings due per second by the schedule, whether or not they could be sent. */
        double offeredRate() {
            return readingsOffered / offeredSeconds;
        }

        /** Acknowledged readings per second, from the first intended send to the last answer. */
        double acknowledgedRate() {
            return readingsAcknowledged / completedSeconds;
        }
    }

    Result run() throws InterruptedException {
        int perRequest = options.readingsPerRequest();
        long requests = (options.plannedReadings() + perRequest - 1) / perRequest;
        long intervalNanos = Math.round(1e9 * perRequest / options.rate());
        long startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long wallOffsetMillis = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        List<CompletableFuture<Void>> inFlight = new ArrayList<>((int) requests);
        LOG.info("sending {} requests of {} reading(s), one every {} µs, for {} s", requests, perRequest,
                intervalNanos / 1000, options.duration().toSeconds());
        for (long k = 0; k < requests; k++) {
            long intended = startNanos + k * intervalNanos;
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            maxDispatchLagNanos = Math.max(maxDispatchLagNanos, now - intended);
            long nowMillis = wallOffsetMillis + TimeUnit.NANOSECONDS.toMillis(now);
            if (!inFlightPermits.tryAcquire()) {
                // the server is this far behind: the request still counts, as an error, so the offered rate stays
                count(NOT_SENT);
                continue;
            }
            CompletableFuture<Void> answer = perRequest == 1 ? sendSingle(intended, nowMillis)
                    : sendBatch(intended, nowMillis, perRequest);
            inFlight.add(answer.whenComplete((ignored, failure) -> inFlightPermits.release()));
            if (k > 0 && k % Math.max(1, requests / 10) == 0) {
                LOG.info("{}% of requests sent", Math.round(100.0 * k / requests));
            }
        }
        long offeredEnd = System.nanoTime();
        LOG.info("all requests sent; waiting for the answers");
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        Map<String, Long> counted = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counted.put(outcome, count.sum()));
        return new Result(requests, requests * perRequest, readingsSent, acknowledgedIds.size(),
                (offeredEnd - startNanos) / 1e9,
                (lastCompletionNanos.get() - startNanos) / 1e9, maxDispatchLagNanos / 1e6,
                responseLatency.summary(), counted, new TreeMap<>(examples), acknowledgedIds);
    }

    private CompletableFuture<Void> sendSingle(long intended, long nowMillis) {
        ReadingSource.Reading reading = readings.next(nowMillis);
        readingsSent++;
        KafkaObserver.ExpectedAlert alert = expectAlert(reading, intended);
        return http.postAsync("/vitals", nurseToken, reading.json()).handle((response, failure) -> {
            long done = completed(intended);
            String outcome = outcome(response, failure);
            count(outcome);
            example(outcome, response, failure);
            if (response != null && response.status() == 201) {
                acknowledged(HttpApi.parse(response.body()).path("data").path("id").asLong(), intended, done, alert);
            } else if (alert != null) {
                alert.rejected = true;
            }
            return null;
        });
    }

    private CompletableFuture<Void> sendBatch(long intended, long nowMillis, int size) {
        List<KafkaObserver.ExpectedAlert> alerts = new ArrayList<>(size);
        StringBuilder body = new StringBuilder(size * 200).append("{\"readings\":[");
        for (int i = 0; i < size; i++) {
            ReadingSource.Reading reading = readings.next(nowMillis);
            readingsSent++;
            alerts.add(expectAlert(reading, intended));
            body.append(i == 0 ? "" : ",").append(reading.json());
        }
        body.append("]}");
        return http.postAsync("/vitals/batch", nurseToken, body.toString()).handle((response, failure) -> {
            long done = completed(intended);
            String outcome = outcome(response, failure);
            count(outcome);
            example(outcome, response, failure);
            if (response == null || response.status() != 202) {
                alerts.forEach(alert -> reject(alert));
                return null;
            }
            JsonNode results = HttpApi.parse(response.body()).path("data").path("results");
            for (JsonNode result : results) {
                KafkaObserver.ExpectedAlert alert = alerts.get(result.path("index").asInt());
                if ("received".equals(result.path("status").asString())) {
                    acknowledged(result.path("id").asLong(), intended, done, alert);
                } else {
                    count("batch item " + result.path("status").asString());
                    reject(alert);
                }
            }
            return null;
        });
    }

    private KafkaObserver.ExpectedAlert expectAlert(ReadingSource.Reading reading, long intended) {
        return reading.breach() == null ? null
                : observer.expectAlert(reading.encounter().id(), reading.timestampMillis(), intended);
    }

    private void acknowledged(long readingId, long intended, long done, KafkaObserver.ExpectedAlert alert) {
        acknowledgedIds.add(readingId);
        if (alert != null) {
            alert.acknowledgedNanos = done;
        }
        if (readingId % sampleEvery == 0) {
            probe.track(readingId, intended);
        }
    }

    private static void reject(KafkaObserver.ExpectedAlert alert) {
        if (alert != null) {
            alert.rejected = true;
        }
    }

    private long completed(long intended) {
        long done = System.nanoTime();
        responseLatency.record(done - intended);
        lastCompletionNanos.accumulateAndGet(done, Math::max);
        return done;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, key -> new LongAdder()).increment();
    }

    /** Keeps the first answer body of each failure outcome, so a report shows what an error looked like. */
    private void example(String outcome, PlainHttpClient.Response response, Throwable failure) {
        if (!outcome.startsWith("HTTP 2")) {
            examples.computeIfAbsent(outcome, key -> {
                String text = response != null ? response.body() : String.valueOf(failure);
                return text == null ? "" : text.substring(0, Math.min(300, text.length()));
            });
        }
    }

    private static String outcome(PlainHttpClient.Response response, Throwable failure) {
        if (response != null) {
            int status = response.status();
            if (status < 300) {
                return "HTTP " + status;
            }
            // the envelope's code tells a pool timeout (SERVICE_UNAVAILABLE) from a conflict or a bug
            String code = HttpApi.parse(response.body()).path("code").asString("");
            return "HTTP " + status + (code.isEmpty() ? "" : " " + code);
        }
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof SocketTimeoutException)) {
            cause = cause.getCause();
        }
        return cause instanceof SocketTimeoutException ? "timeout" : "error " + cause.getClass().getSimpleName();
    }
}
