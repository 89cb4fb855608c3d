package org.hospital.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code alerts} and {@code vitals_stream} from their end at start (partitions assigned directly, no consumer
 * group, so no rebalance delays the first records). An {@code alerts} record with {@code change: raised} is matched
 * to the breaching reading that caused it by encounter and measurement time (the record's {@code timestamp} is the
 * reading's); its latency is receive time minus the reading's intended send time, on this process's monotonic clock.
 */
public final class KafkaObserver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaObserver.class);
    static final String ALERTS = "alerts";
    static final String VITALS_STREAM = "vitals_stream";

    /** A breaching reading whose alert is awaited; times in nanoTime, 0 while unknown. */
    public static final class ExpectedAlert {
        final long intendedNanos;
        public volatile long acknowledgedNanos;
        volatile long seenNanos;
        public volatile boolean rejected;

        ExpectedAlert(long intendedNanos) {
            this.intendedNanos = intendedNanos;
        }
    }

    private record ReadingKey(long encounterId, long timestampMillis) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Set<Long> encounterIds;
    private final Map<ReadingKey, ExpectedAlert> expectedAlerts = new ConcurrentHashMap<>();
    /** Cause of each raised alert (encounter, type, reading time) to its alert id. */
    private final Map<String, Long> raisedAlerts = new ConcurrentHashMap<>();
    /** Reading id to a hash of its record's content, to tell a redelivery (same content) from a different record. */
    private final Map<Long, Integer> streamedContent = new ConcurrentHashMap<>();
    /** Reading ids per encounter in the order of their records (one partition per encounter), repeats included. */
    private final Map<Long, List<Long>> streamedOrder = new ConcurrentHashMap<>();
    private final AtomicLong streamDuplicates = new AtomicLong();
    private final AtomicLong streamDuplicatesDiffering = new AtomicLong();
    private final AtomicLong raisedDuplicates = new AtomicLong();
    private final AtomicLong raisedRedelivered = new AtomicLong();
    private final AtomicLong raisedUnmatched = new AtomicLong();
    private final AtomicLong alertRecords = new AtomicLong();
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaObserver(String bootstrapServers, Set<Long> encounterIds) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(properties);
        this.encounterIds = encounterIds;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(ALERTS, VITALS_STREAM)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers);
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before any reading is sent
        this.poller = Thread.ofPlatform().name("kafka-observer").start(this::pollLoop);
        LOG.info("observing {} partitions of {} and {}", partitions.size(), ALERTS, VITALS_STREAM);
    }

    public ExpectedAlert expectAlert(long encounterId, long timestampMillis, long intendedNanos) {
        ExpectedAlert expected = new ExpectedAlert(intendedNanos);
        expectedAlerts.put(new ReadingKey(encounterId, timestampMillis), expected);
        return expected;
    }

    Set<Long> streamedReadingIds() {
        return streamedContent.keySet();
    }

    /**
     * {@code raisedDuplicates}: a second alert (another alert id) raised for the same cause; {@code raisedRedelivered}:
     * the same alert's {@code raised} record again (the publisher's at-least-once redelivery).
     */
    public record AlertFigures(int expected, int rejected, int seen, long raisedUnmatched, long raisedDuplicates,
                               long raisedRedelivered, long alertRecords, Percentiles fromIntendedSend,
                               Percentiles fromAcknowledgement) {
    }

    /** Breaching readings that were acknowledged but whose alert has not been seen yet. */
    public long alertsOutstanding() {
        return expectedAlerts.values().stream()
                .filter(e -> !e.rejected && e.acknowledgedNanos != 0 && e.seenNanos == 0).count();
    }

    public AlertFigures alertFigures() {
        LatencyRecorder fromSend = new LatencyRecorder();
        LatencyRecorder fromAck = new LatencyRecorder();
        int rejected = 0;
        int seen = 0;
        for (ExpectedAlert expected : expectedAlerts.values()) {
            if (expected.rejected) {
                rejected++;
            } else if (expected.seenNanos != 0) {
                seen++;
                fromSend.record(expected.seenNanos - expected.intendedNanos);
                if (expected.acknowledgedNanos != 0) {
                    fromAck.record(Math.max(0, expected.seenNanos - expected.acknowledgedNanos));
                }
            }
        }
        return new AlertFigures(expectedAlerts.size(), rejected, seen, raisedUnmatched.get(), raisedDuplicates.get(),
                raisedRedelivered.get(), alertRecords.get(), fromSend.summary(), fromAck.summary());
    }

    public long streamDuplicates() {
        return streamDuplicates.get();
    }

    /** Repeated reading ids whose record differs from the first one (not a plain redelivery). */
    public long streamDuplicatesDiffering() {
        return streamDuplicatesDiffering.get();
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    long receivedNanos = System.nanoTime();
                    try {
                        JsonNode value = HttpApi.JSON.readTree(record.value());
                        if (record.topic().equals(ALERTS)) {
                            onAlert(value, receivedNanos);
                        } else {
                            onReading(value);
                        }
                    } catch (RuntimeException malformed) {
                        LOG.warn("unreadable record on {}: {}", record.topic(), malformed.getMessage());
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poller up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void onAlert(JsonNode alert, long receivedNanos) {
        long encounterId = alert.path("encounter_id").asLong();
        if (!encounterIds.contains(encounterId)) {
            return;
        }
        alertRecords.incrementAndGet();
        if (!"raised".equals(alert.path("change").asString("raised"))) {
            return;
        }
        long timestampMillis = Instant.parse(alert.path("timestamp").asString()).toEpochMilli();
        long alertId = alert.path("alert_id").asLong();
        String cause = encounterId + "/" + alert.path("type").asString() + "/" + timestampMillis;
        Long first = raisedAlerts.putIfAbsent(cause, alertId);
        if (first != null) {
            (first == alertId ? raisedRedelivered : raisedDuplicates).incrementAndGet();
        }
        ExpectedAlert expected = expectedAlerts.get(new ReadingKey(encounterId, timestampMillis));
        if (expected == null) {
            raisedUnmatched.incrementAndGet();
        } else if (expected.seenNanos == 0) {
            expected.seenNanos = receivedNanos;
        }
    }

    private void onReading(JsonNode reading) {
        long encounterId = reading.path("encounter_id").asLong();
        if (!encounterIds.contains(encounterId)) {
            return;
        }
        long readingId = reading.path("id").asLong();
        List<Long> order = streamedOrder.computeIfAbsent(encounterId, id -> new ArrayList<>());
        synchronized (order) {
            order.add(readingId);
        }
        Integer first = streamedContent.putIfAbsent(readingId, reading.toString().hashCode());
        if (first != null) {
            streamDuplicates.incrementAndGet();
            if (first != reading.toString().hashCode()) {
                streamDuplicatesDiffering.incrementAndGet();
            }
        }
    }

    /** Each encounter's reading ids in the order {@code vitals_stream} holds them; only the poller thread appends. */
    public Map<Long, List<Long>> streamedOrder() {
        Map<Long, List<Long>> copy = new HashMap<>();
        streamedOrder.forEach((encounter, ids) -> {
            synchronized (ids) {
                copy.put(encounter, List.copyOf(ids));
            }
        });
        return copy;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(10_000);
    }
}
