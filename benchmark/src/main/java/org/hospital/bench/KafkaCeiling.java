package org.hospital.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ProducerPerformance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's ceiling: Kafka's own producer performance tool (the code behind {@code kafka-producer-perf-test.sh}), run in
 * this JVM against the system's broker, into a fresh topic with as many partitions as the domain-event topic, as fast
 * as it can ({@code --throughput -1}). Its summary line is parsed into {@link Result}; the topics are deleted after.
 */
final class KafkaCeiling {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCeiling.class);
    static final String DOMAIN_EVENTS = "hospital-events";

    /**
     * One producer run: the properties passed to the tool, how many records, and the records/s it is held to
     * ({@code -1}: as fast as it can, which measures throughput; the latency it reports is then mostly time spent
     * waiting in the producer's buffer).
     */
    record Variant(String name, Map<String, String> producerProperties, long records, int throughput) {
    }

    /** The tool's final line: totals over the whole run. */
    record Result(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMs,
                  double maxLatencyMs, long p50Ms, long p95Ms, long p99Ms, long p999Ms) {

        private static final Pattern TOTAL = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec "
                + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, "
                + "(\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

        /** The totals from the tool's output (the last total line), if it printed one. */
        static Optional<Result> parse(String output) {
            Matcher matcher = TOTAL.matcher(output);
            Result last = null;
            while (matcher.find()) {
                last = new Result(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                        Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)),
                        Double.parseDouble(matcher.group(5)), Long.parseLong(matcher.group(6)),
                        Long.parseLong(matcher.group(7)), Long.parseLong(matcher.group(8)),
                        Long.parseLong(matcher.group(9)));
            }
            return Optional.ofNullable(last);
        }
    }

    /**
     * Records sent one at a time, each waiting for its acknowledgement before the next is sent: how the system's
     * publisher sends (axon-kafka's {@code KafkaPublisher} in {@code WAIT_FOR_ACK} mode blocks on each record's
     * future inside {@code send}). Not the tool's figure: a plain producer loop, for comparison with it.
     */
    record SerialRun(String name, Map<String, String> producerProperties, int records, double seconds,
                     Percentiles ackLatency) {

        double recordsPerSecond() {
            return records / seconds;
        }
    }

    /** A variant's run: where it went and what the tool reported. */
    record Run(Variant variant, String topic, int partitions, int recordSize, Result result, List<String> arguments) {
    }

    private final String bootstrapServers;

    KafkaCeiling(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Partitions of the domain-event topic; the fallback when the topic does not exist (yet). */
    int domainEventPartitions(int fallback) throws InterruptedException {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(DOMAIN_EVENTS)).allTopicNames().get()
                    .get(DOMAIN_EVENTS).partitions().size();
        } catch (ExecutionException e) {
            LOG.warn("cannot describe {} ({}); using {} partitions", DOMAIN_EVENTS, e.getCause().getMessage(),
                    fallback);
            return fallback;
        }
    }

    List<Run> measure(List<Variant> variants, int partitions, int recordSize) throws Exception {
        List<Run> runs = new ArrayList<>();
        try (Admin admin = admin()) {
            for (Variant variant : variants) {
                String topic = "ceiling-" + variant.name().replaceAll("[^A-Za-z0-9]+", "-") + "-"
                        + System.currentTimeMillis();
                createReady(admin, topic, partitions);
                try {
                    List<String> arguments = arguments(topic, recordSize, variant);
                    LOG.info("Kafka ceiling '{}': ProducerPerformance {}", variant.name(), String.join(" ", arguments));
                    String output = runTool(arguments);
                    Result result = Result.parse(output).orElseThrow(() -> new IllegalStateException(
                            "ProducerPerformance printed no totals:\n" + output));
                    runs.add(new Run(variant, topic, partitions, recordSize, result, arguments));
                } finally {
                    admin.deleteTopics(List.of(topic)).all().get();
                }
            }
        }
        return runs;
    }

    /**
     * Creates the topic and writes one record to each partition. A new partition can be announced with its leader
     * before that broker has loaded it; an idempotent producer that meets this on its first batches may end with
     * records out of sequence, so the tool's producer must only ever see partitions that already took a write.
     */
    private void createReady(Admin admin, String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            List<Future<RecordMetadata>> writes = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                writes.add(producer.send(new ProducerRecord<>(topic, partition, null, new byte[] {0})));
            }
            for (Future<RecordMetadata> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Sends {@code records} records of {@code recordSize} bytes one at a time into a fresh topic. */
    SerialRun serial(String name, Map<String, String> producerProperties, int partitions, int records,
                     int recordSize) throws Exception {
        try (Admin admin = admin()) {
            String topic = "ceiling-serial-" + System.currentTimeMillis();
            createReady(admin, topic, partitions);
            try {
                Map<String, Object> properties = new HashMap<>(producerProperties);
                properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
                properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
                byte[] value = new byte[recordSize];
                Arrays.fill(value, (byte) 'x');
                LatencyRecorder acks = new LatencyRecorder();
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
                    producer.send(new ProducerRecord<>(topic, value)).get(); // connection set up, not counted
                    long start = System.nanoTime();
                    for (int i = 0; i < records; i++) {
                        long sent = System.nanoTime();
                        producer.send(new ProducerRecord<>(topic, value)).get();
                        acks.record(System.nanoTime() - sent);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    LOG.info("Kafka ceiling '{}': {} records one at a time in {} s", name, records,
                            Math.round(seconds * 10) / 10.0);
                    return new SerialRun(name, producerProperties, records, seconds, acks.summary());
                }
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    List<String> arguments(String topic, int recordSize, Variant variant) {
        List<String> arguments = new ArrayList<>(List.of("--topic", topic, "--num-records",
                String.valueOf(variant.records()), "--record-size", String.valueOf(recordSize), "--throughput",
                String.valueOf(variant.throughput()), "--producer-props",
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG + "=" + bootstrapServers));
        variant.producerProperties().forEach((key, value) -> arguments.add(key + "=" + value));
        return arguments;
    }

    /**
     * Runs the tool in this JVM and returns what it printed (it writes to {@code System.out}, echoed as it goes).
     * The tool ends the JVM on a usage error; here that becomes an exception.
     */
    private static String runTool(List<String> arguments) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("ProducerPerformance exited with " + status + ": " + message);
        });
        try {
            ProducerPerformance.main(arguments.toArray(String[]::new));
        } finally {
            Exit.resetExitProcedure();
            System.out.flush();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Writes to the console and to a buffer. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
