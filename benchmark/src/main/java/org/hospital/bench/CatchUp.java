package org.hospital.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * How fast each downstream processor works off a backlog on its own (issue 14 §1), in two steps that
 * {@code benchmark/run.sh --catch-up} runs against a system whose alerting and query sides are not started yet:
 * <ol>
 *   <li>{@code catch-up backlog}: admits the encounters, stores the readings through {@code POST /vitals/batch} (with
 *       the usual share of breaching ones), waits until the command side has published every stored event to
 *       {@code hospital-events}, and ends the backlog with a marker reading (heart rate 140) on an encounter of its
 *       own. Writes what it did to a file. With {@code --hold-publishers=yes} (what {@code run.sh} passes) the
 *       command side's two publishers are held back while the backlog is stored.</li>
 *   <li>{@code catch-up publish}: lets the held publishers go one after the other and times each working off the
 *       backlog alone, from its first record to its last ({@code hospital-events}: every stored event;
 *       {@code vitals_stream}: every reading).</li>
 *   <li>{@code catch-up time --processor=alerting|projections}, run while the side holding that processor starts: the
 *       clock starts at the processor's first write (its first saga, its first view row) and stops when the marker has
 *       gone through it (the marker's alert requested, the marker reading in {@code view_vitals}). It reports events
 *       per second over the topic's records, and what PostgreSQL did in that time, per event.</li>
 * </ol>
 * The publishers are held back the way another instance of the command side would hold them: the benchmark takes
 * their tokens' claims in {@code token_entry} (owner {@code catch-up}, a claim that never expires); the processors find
 * their segment owned by another node and wait, and go on from their stored position when the claim is released.
 * Without the hold, they publish while the backlog is stored, and the first step reports how far behind the last
 * acknowledgement they finished.
 */
final class CatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
    private static final String DEMO_PASSWORD = "password";
    private static final String DOMAIN_EVENTS = "hospital-events";
    private static final String VITALS_STREAM = "vitals_stream";
    /**
     * The command side's publishers by topic, in the order they are timed: Axon's processing group names of the
     * domain-event and the contract topics.
     */
    private static final Map<String, String> PUBLISHERS = orderedPublishers();
    private static final String HOLDER = "catch-up";
    /**
     * A processor notices that its claim was taken the next time it extends it, which an idle tracking processor
     * does after each wait for events (about a second); this is the margin before the backlog is stored.
     */
    private static final Duration CLAIM_NOTICED = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int THREAD_GROUPS_SHOWN = 12;

    private CatchUp() {
    }

    private static Map<String, String> orderedPublishers() {
        Map<String, String> publishers = new LinkedHashMap<>();
        publishers.put(DOMAIN_EVENTS, "__axon-kafka-event-publishing-group");
        publishers.put(VITALS_STREAM, "integration-topics");
        return publishers;
    }

    static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("catch-up backlog|publish|time [--option=value ...]");
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "backlog" -> backlog(options);
            case "publish" -> publish(options);
            case "time" -> time(options);
            default -> throw new IllegalArgumentException("catch-up backlog|publish|time, not " + args[0]);
        }
    }

    /** How often one batch is sent again after 503 (the system refusing more than it can check for alerts now). */
    private static final int REFUSALS_RETRIED = 600;

    /** Posts a batch and, as a device would, sends it again a second after each 503 (nothing of it was stored). */
    private static CompletableFuture<PlainHttpClient.Response> postUntilTaken(PlainHttpClient http, String token,
                                                                             String body, int retries) {
        return http.postAsync("/vitals/batch", token, body).thenCompose(response -> response.status() == 503
                && retries > 0
                ? CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                        .thenCompose(ignored -> postUntilTaken(http, token, body, retries - 1))
                : CompletableFuture.completedFuture(response));
    }

    private static void backlog(Map<String, String> options) throws Exception {
        String baseUrl = options.getOrDefault("base-url", "http://localhost:8080");
        int encounterCount = Integer.parseInt(options.getOrDefault("encounters", "1000"));
        int readingCount = Integer.parseInt(options.getOrDefault("readings", "200000"));
        int batchSize = Integer.parseInt(options.getOrDefault("batch-size", "1000"));
        Path output = Path.of(options.getOrDefault("output", "catch-up.json"));
        HttpApi api = new HttpApi(baseUrl, Duration.ofSeconds(60));
        List<BenchEncounter> encounters = new ArrayList<>(new EncounterSetup(api, api.login("admin", DEMO_PASSWORD),
                16).admit(encounterCount + 1));
        BenchEncounter marker = encounters.removeLast();
        String nurse = api.login("nurse_joy", DEMO_PASSWORD);
        ReadingSource readings = new ReadingSource(encounters, 0.02);
        boolean hold = "yes".equals(options.getOrDefault("hold-publishers", "no"));
        try (PlainHttpClient http = new PlainHttpClient(baseUrl, Duration.ofSeconds(120));
             SystemDatabase database = database(options)) {
            if (hold) {
                long admitted = database.read(connection -> count(connection, "SELECT count(*) FROM domain_event_entry"));
                awaitRecords(options, DOMAIN_EVENTS, admitted);
                holdPublishers(database);
            }
            long started = System.nanoTime();
            long stored = 0;
            Semaphore inFlight = new Semaphore(4);
            List<CompletableFuture<Integer>> batches = new ArrayList<>();
            for (int sent = 0; sent < readingCount; sent += batchSize) {
                StringBuilder body = new StringBuilder().append("{\"readings\":[");
                int size = Math.min(batchSize, readingCount - sent);
                for (int i = 0; i < size; i++) {
                    body.append(i == 0 ? "" : ",").append(readings.next(System.currentTimeMillis()).json());
                }
                body.append("]}");
                inFlight.acquire();
                CompletableFuture<PlainHttpClient.Response> taken =
                        postUntilTaken(http, nurse, body.toString(), REFUSALS_RETRIED);
                batches.add(taken.handle((response, failure) -> {
                    inFlight.release();
                    if (response == null || response.status() != 202) {
                        return 0;
                    }
                    int received = 0;
                    for (JsonNode result : HttpApi.parse(response.body()).path("data").path("results")) {
                        received += "received".equals(result.path("status").asString()) ? 1 : 0;
                    }
                    return received;
                }));
            }
            for (CompletableFuture<Integer> batch : batches) {
                stored += batch.join();
            }
            double storeSeconds = (System.nanoTime() - started) / 1e9;
            LOG.info("stored {} of {} readings in {} s ({} /s)", stored, readingCount, Math.round(storeSeconds),
                    Math.round(stored / storeSeconds));
            long events = database.read(connection -> count(connection, "SELECT count(*) FROM domain_event_entry"));
            double publishedBehind = -1;
            if (!hold) {
                long published = awaitRecords(options, DOMAIN_EVENTS, events);
                publishedBehind = (System.nanoTime() - started) / 1e9 - storeSeconds;
                LOG.info("{} events in the store, {} records on {} ({} s after the last acknowledgement)", events,
                        published, DOMAIN_EVENTS, Math.round(publishedBehind * 10) / 10.0);
            }
            JsonNode markerAnswer = HttpApi.parse(http.post("/vitals", nurse, """
                    {"patient_id": %d, "encounter_id": %d, "timestamp": "%s", "hr_bpm": 140, "spo2_pct": 97,
                     "temp_c": 36.8, "bp_systolic": 120, "bp_diastolic": 80, "resp_rate": 16}"""
                    .formatted(marker.patientId(), marker.id(), java.time.Instant.now())).body());
            long markerReading = markerAnswer.path("data").path("id").asLong();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("encounters", encounterCount);
            result.put("readings_stored", stored);
            result.put("store_seconds", round(storeSeconds));
            result.put("stored_per_second", round(stored / storeSeconds));
            result.put("events_in_store", events + 1);
            result.put("readings_in_store", database.read(connection -> count(connection,
                    "SELECT count(*) FROM domain_event_entry WHERE payload_type = '" + SystemDatabase.VITALS_RECORDED
                            + "'")));
            result.put("publishers_held", hold);
            if (!hold) {
                result.put("records_on_topic", awaitRecords(options, DOMAIN_EVENTS, events + 1));
                result.put("publishers_done_after_last_ack_s", round(publishedBehind));
            }
            result.put("marker_encounter", marker.id());
            result.put("marker_reading", markerReading);
            Files.writeString(output, HttpApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
            System.out.println(HttpApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        }
    }

    /** Takes the publishers' claims with a lease that never runs out, so no instance of the command side works them. */
    private static void holdPublishers(SystemDatabase database) throws InterruptedException {
        int held = database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE token_entry SET owner = ?,"
                    + " timestamp = '9999-12-31T00:00:00Z' WHERE processor_name = ANY(?)")) {
                statement.setString(1, HOLDER);
                statement.setArray(2, connection.createArrayOf("varchar", PUBLISHERS.values().toArray()));
                return statement.executeUpdate();
            }
        });
        if (held < PUBLISHERS.size()) {
            throw new IllegalStateException("expected a token for each of " + PUBLISHERS.values() + ", held " + held);
        }
        LOG.info("publishers held: {}", PUBLISHERS.values());
        Thread.sleep(CLAIM_NOTICED);
    }

    private static void release(SystemDatabase database, String processor) {
        database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE token_entry SET owner = NULL,"
                    + " timestamp = ? WHERE processor_name = ? AND owner = ?")) {
                statement.setString(1, java.time.Instant.now().minusSeconds(60).toString());
                statement.setString(2, processor);
                statement.setString(3, HOLDER);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Lets each held publisher go on its own and times it from its first record on its topic to the last one the
     * backlog gives it (the wait for the processor to claim its token again is not counted).
     */
    private static void publish(Map<String, String> options) throws Exception {
        JsonNode backlog = HttpApi.JSON.readTree(Files.readString(Path.of(options.getOrDefault("backlog",
                "catch-up.json"))));
        List<Long> pids = Options.pids(options.getOrDefault("system-pids", ""));
        Map<String, Long> expected = Map.of(DOMAIN_EVENTS, backlog.path("events_in_store").asLong(),
                VITALS_STREAM, backlog.path("readings_in_store").asLong());
        try (SystemDatabase database = database(options)) {
            for (Map.Entry<String, String> publisher : PUBLISHERS.entrySet()) {
                String topic = publisher.getKey();
                long target = expected.get(topic);
                TopicSize size = new TopicSize(options, topic);
                long before = size.records();
                release(database, publisher.getValue());
                long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
                long start = 0;
                DatabaseActivity activity = null;
                Map<Long, Double> cpuBefore = null;
                Map<Long, Map<String, Double>> threadsBefore = null;
                long now = size.records();
                while (now < target) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(topic + " holds " + now + " of " + target + " records");
                    }
                    if (activity == null && now > before) {
                        start = System.nanoTime();
                        activity = DatabaseActivity.start(database);
                        cpuBefore = SystemStats.cpuSeconds(pids);
                        threadsBefore = ThreadCpu.snapshot(pids);
                        before = now;
                    }
                    Thread.sleep(POLL);
                    now = size.records();
                }
                size.close();
                if (activity == null) {
                    throw new IllegalStateException(topic + " already held all " + target + " records when released");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                print(publisher.getValue() + " (" + topic + ")", target - before, seconds, activity.since(database),
                        SystemStats.cpuSpent(cpuBefore, SystemStats.cpuSeconds(pids)),
                        ThreadCpu.spent(threadsBefore, ThreadCpu.snapshot(pids)));
            }
            // The phases after this one read the domain-event topic from its start.
            awaitRecords(options, DOMAIN_EVENTS, expected.get(DOMAIN_EVENTS));
        }
    }

    private static void time(Map<String, String> options) throws Exception {
        String processor = options.getOrDefault("processor", "alerting");
        JsonNode backlog = HttpApi.JSON.readTree(Files.readString(Path.of(options.getOrDefault("backlog",
                "catch-up.json"))));
        long markerEncounter = backlog.path("marker_encounter").asLong();
        long markerReading = backlog.path("marker_reading").asLong();
        long records = backlog.path("events_in_store").asLong();
        // The timed side first, then the others (the command side handles what the alerting side asks for).
        List<Long> pids = Options.pids(options.getOrDefault("system-pids", ""));
        String startedTable;
        String finished;
        switch (processor) {
            case "alerting" -> {
                startedTable = "alerting_saga";
                finished = "SELECT count(*) FROM alert_keys WHERE alert_key LIKE '" + markerEncounter + ":%'";
            }
            case "projections" -> {
                startedTable = "view_encounters";
                finished = "SELECT count(*) FROM view_vitals WHERE reading_id = " + markerReading;
            }
            default -> throw new IllegalArgumentException("--processor=alerting|projections, not " + processor);
        }
        String started = "SELECT count(*) FROM " + startedTable;
        try (SystemDatabase database = database(options)) {
            DatabaseActivity before = null;
            Map<Long, Double> cpuBefore = null;
            Map<Long, Map<String, Double>> threadsBefore = null;
            long start = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (System.nanoTime() < deadline) {
                long now = System.nanoTime();
                if (before == null) {
                    if (tableExists(database, startedTable) && database.read(c -> count(c, started)) > 0) {
                        start = now;
                        before = DatabaseActivity.start(database);
                        cpuBefore = SystemStats.cpuSeconds(pids);
                        threadsBefore = ThreadCpu.snapshot(pids);
                        LOG.info("{} started", processor);
                    }
                } else if (database.read(c -> count(c, finished)) > 0) {
                    double seconds = (now - start) / 1e9;
                    DatabaseActivity spent = before.since(database);
                    Map<Long, Double> cpu = SystemStats.cpuSpent(cpuBefore, SystemStats.cpuSeconds(pids));
                    Map<Long, Map<String, Double>> threads = ThreadCpu.spent(threadsBefore, ThreadCpu.snapshot(pids));
                    print(processor, records, seconds, spent, cpu, threads);
                    return;
                }
                Thread.sleep(POLL);
            }
            throw new IllegalStateException(processor + " did not catch up within 30 minutes");
        }
    }

    private static void print(String processor, long records, double seconds, DatabaseActivity spent,
                              Map<Long, Double> cpu, Map<Long, Map<String, Double>> threads) {
        System.out.printf("%s caught up with %d events in %.1f s: %.0f events/s%n", processor, records, seconds,
                records / seconds);
        cpu.forEach((pid, s) -> System.out.printf("  CPU of pid %d%s: %.1f s (%.3f ms per event)%n", pid,
                pid == 0 ? " (this tool)" : "", s, s * 1000 / records));
        threads.forEach((pid, groups) -> {
            System.out.printf("  CPU by thread, pid %d (ms, and ms per event):%n", pid);
            groups.entrySet().stream().limit(THREAD_GROUPS_SHOWN).forEach(group -> System.out.printf(
                    "    %-44s %9.0f %8.4f%n", group.getKey(), group.getValue(), group.getValue() / records));
        });
        System.out.printf("  PostgreSQL statements: %.3f per event%n", spent.statementCalls() / (double) records);
        spent.statements().stream().limit(12).forEach(statement -> System.out.printf("    %8.4f calls %8.4f rows  %s%n",
                statement.calls() / (double) records, statement.rows() / (double) records,
                shortened(statement.query())));
        System.out.println("  PostgreSQL execution time, longest first (ms per event):");
        spent.statements().stream().sorted(Comparator.comparingDouble(DatabaseActivity.StatementCount::totalMs)
                .reversed()).limit(6).forEach(statement -> System.out.printf("    %8.4f ms  %s%n",
                statement.totalMs() / records, shortened(statement.query())));
        System.out.println("  rows written per event (inserted / updated / deleted):");
        spent.tables().forEach((table, rows) -> System.out.printf("    %-28s %8.4f %8.4f %8.4f%n", table,
                rows.inserted() / (double) records, rows.updated() / (double) records,
                rows.deleted() / (double) records));
    }

    private static String shortened(String query) {
        return query.length() > 100 ? query.substring(0, 97) + "..." : query;
    }

    /** Waits until the topic holds at least {@code wanted} records. */
    private static long awaitRecords(Map<String, String> options, String topic, long wanted)
            throws InterruptedException {
        try (TopicSize size = new TopicSize(options, topic)) {
            long records = size.records();
            while (records < wanted) {
                Thread.sleep(POLL);
                records = size.records();
            }
            return records;
        }
    }

    /** The records a topic holds over all its partitions, asked of the broker through one consumer. */
    private static final class TopicSize implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final List<TopicPartition> partitions;

        TopicSize(Map<String, String> options, String topic) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.getOrDefault("kafka", "localhost:9092"));
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(properties);
            partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).collect(Collectors.toList());
            // Assigned, so the broker's answers about these partitions are taken in without a warning each.
            consumer.assign(partitions);
        }

        long records() {
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(end -> end.getValue() - beginning.get(end.getKey())).sum();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static boolean tableExists(SystemDatabase database, String table) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                statement.setString(1, table);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return result.getBoolean(1);
                }
            }
        });
    }

    private static long count(java.sql.Connection connection, String query) throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static SystemDatabase database(Map<String, String> options) {
        return new SystemDatabase(options.getOrDefault("jdbc-url", "jdbc:postgresql://localhost:5433/hospital"),
                options.getOrDefault("jdbc-user", "hospital"), options.getOrDefault("jdbc-password", "hospital"));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || !args[i].contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + args[i]);
            }
            options.put(args[i].substring(2, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        return options;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
