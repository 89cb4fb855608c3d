package org.hospital.bench.chaos;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.hospital.bench.LatencyRecorder;
import org.hospital.bench.Percentiles;

/**
 * What the load met during one step of the scenario: readings by the answer of their first attempt and by the
 * instance it went to, retries on the other instance and their outcome, the latency from intended send to the final
 * answer, and the reads against the query instances. A reading belongs to the phase in which it was due.
 */
final class Phase {

    private final String name;
    private final long startNanos;
    private volatile long endNanos;
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder retriesAcknowledged = new LongAdder();
    private final Map<String, LongAdder> firstAttempts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> reads = new ConcurrentHashMap<>();
    private final LatencyRecorder latency = new LatencyRecorder();

    Phase(String name, long startNanos) {
        this.name = name;
        this.startNanos = startNanos;
    }

    String name() {
        return name;
    }

    void end(long nanos) {
        endNanos = nanos;
    }

    void sent() {
        sent.increment();
    }

    void firstAttempt(String instance, String outcome) {
        firstAttempts.computeIfAbsent(instance + " " + outcome, key -> new LongAdder()).increment();
    }

    void retried(boolean acknowledgedOnRetry) {
        retries.increment();
        if (acknowledgedOnRetry) {
            retriesAcknowledged.increment();
        }
    }

    void answered(boolean wasAcknowledged, long latencyNanos) {
        if (wasAcknowledged) {
            acknowledged.increment();
        }
        latency.record(latencyNanos);
    }

    void read(String instance, String outcome) {
        reads.computeIfAbsent(instance + " " + outcome, key -> new LongAdder()).increment();
    }

    /**
     * The phase's figures; {@code firstAttempts} and {@code reads} are keyed "instance outcome", for example
     * "command-1 refused".
     */
    record Summary(String name, double startSeconds, double seconds, long sent, long acknowledged, long retries,
                   long retriesAcknowledged, Map<String, Long> firstAttempts, Map<String, Long> reads,
                   Percentiles latency) {

        long firstAttempts(String instance, String outcome) {
            return firstAttempts.getOrDefault(instance + " " + outcome, 0L);
        }
    }

    Summary summary(long runStartNanos) {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return new Summary(name, (startNanos - runStartNanos) / 1e9, (end - startNanos) / 1e9, sent.sum(),
                acknowledged.sum(), retries.sum(), retriesAcknowledged.sum(), counts(firstAttempts), counts(reads),
                latency.summary());
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> counts = new TreeMap<>();
        adders.forEach((key, adder) -> counts.put(key, adder.sum()));
        return counts;
    }
}
