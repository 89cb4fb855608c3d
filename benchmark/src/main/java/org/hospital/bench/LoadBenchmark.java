package org.hospital.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.stream.Collectors;

import org.hospital.bench.chaos.ChaosRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: admits the run's encounters, drives the open-model vitals load, and reports response, projection
 * and alert latency plus a loss check. Signs in as the demo profile's {@code admin} and {@code nurse_joy}. With
 * {@code ceilings} as the first argument it measures the machine's raw ceilings instead ({@link Ceilings}); with
 * {@code compare} it puts two result files side by side ({@link Comparison}); with {@code chaos} it runs the system
 * as separate processes and kills them under load ({@link ChaosRun}).
 */
public final class LoadBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(LoadBenchmark.class);
    private static final String DEMO_PASSWORD = "password";
    private static final long READY_TIMEOUT_NANOS = 300_000_000_000L;

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ceilings")) {
            Ceilings.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("chaos")) {
            ChaosRun.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("catch-up")) {
            CatchUp.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("fhir-everything")) {
            FhirEverything.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("compare")) {
            Comparison.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Report report = run(options);
        System.out.println();
        System.out.print(report.table());
        report.writeJson(options.output());
        System.out.println("JSON report: " + options.output().toAbsolutePath());
    }

    /**
     * Posts ordinary readings (no breach) from 16 threads, each waiting for its answer, for {@code duration}: a freshly
     * started JVM runs the reading path interpreted at first, and on two cores its compiler needs minutes of load
     * before the system reaches its steady speed; the measured load should not pay for compilation. These readings
     * are stored like any other; they are not counted in the results.
     */
    static Set<Long> warmUp(PlainHttpClient http, String token, List<BenchEncounter> encounters, Duration duration)
            throws InterruptedException {
        Set<Long> stored = ConcurrentHashMap.newKeySet();
        if (duration.isZero()) {
            return stored;
        }
        ReadingSource readings = new ReadingSource(encounters, 0);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    String json;
                    synchronized (readings) {
                        json = readings.next(System.currentTimeMillis()).json();
                    }
                    try {
                        PlainHttpClient.Response answer = http.post("/vitals", token, json);
                        if (answer.status() == 201) {
                            stored.add(HttpApi.parse(answer.body()).path("data").path("id").asLong());
                        }
                        sent.incrementAndGet();
                    } catch (RuntimeException e) {
                        LOG.debug("warm-up reading failed", e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        LOG.info("warm-up: {} readings in {} s, {} stored", sent.get(), duration.toSeconds(), stored.size());
        return stored;
    }

    /** The measured load starts on a system that has worked off the warm-up: every warm-up reading is projected. */
    private static void awaitWarmUpProjected(SystemDatabase database, Set<Long> warmUp, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int projected;
        while ((projected = database.projectedReadings(warmUp).size()) < warmUp.size()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("{} of {} warm-up readings projected after {} s; measuring anyway", projected, warmUp.size(),
                        timeout.toSeconds());
                return;
            }
            Thread.sleep(1_000);
        }
    }

    static Report run(Options options) throws Exception {
        Instant startedAt = Instant.now();
        String loadAtStart = SystemStats.loadAverage();
        HttpApi api = new HttpApi(options.baseUrl(), options.requestTimeout());

        long setupStart = System.nanoTime();
        List<BenchEncounter> encounters = new EncounterSetup(api, api.login("admin", DEMO_PASSWORD),
                options.setupParallelism()).admit(options.encounters());
        Set<Long> encounterIds = encounters.stream().map(BenchEncounter::id).collect(Collectors.toUnmodifiableSet());
        try (PlainHttpClient http = new PlainHttpClient(options.baseUrl(), options.requestTimeout());
             SystemDatabase readiness = database(options);
             SystemDatabase probeDatabase = database(options);
             KafkaObserver observer = new KafkaObserver(options.kafka(), encounterIds);
             ProjectionProbe probe = new ProjectionProbe(probeDatabase)) {
            awaitReady(readiness, encounterIds);
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            LOG.info("setup done in {} s; settling {} s", Math.round(setupSeconds), options.settle().toSeconds());
            Thread.sleep(options.settle());

            String nurseToken = api.login("nurse_joy", DEMO_PASSWORD);
            Set<Long> warmUpReadings = warmUp(http, nurseToken, encounters, options.warmup());
            awaitWarmUpProjected(readiness, warmUpReadings, options.drain());
            ReadingSource readings = new ReadingSource(encounters, options.alertShare());
            Map<Long, Double> cpuBefore = SystemStats.cpuSeconds(options.systemPids());
            Map<Long, Map<String, Double>> threadsBefore = ThreadCpu.snapshot(options.systemPids());
            DatabaseActivity databaseBefore = DatabaseActivity.start(readiness);
            LoadGenerator.Result load = new LoadGenerator(http, nurseToken, options, readings, observer, probe).run();
            Map<Long, Double> cpuDuringLoad = SystemStats.cpuSpent(cpuBefore,
                    SystemStats.cpuSeconds(options.systemPids()));
            Map<Long, Map<String, Double>> threadsDuringLoad = ThreadCpu.spent(threadsBefore,
                    ThreadCpu.snapshot(options.systemPids()));
            DatabaseActivity databaseDuringLoad = databaseBefore.since(readiness);
            LOG.info("load done: {} of {} readings acknowledged; checking for loss", load.readingsAcknowledged(),
                    load.readingsSent());
            LossChecker.Verdict loss = new LossChecker(readiness, observer, encounterIds).check(load.acknowledgedIds(),
                    warmUpReadings, options.drain(), () -> probe.outstanding() == 0 && observer.alertsOutstanding() == 0);
            return new Report(options, startedAt, loadAtStart, SystemStats.loadAverage(), setupSeconds, load,
                    observer.alertFigures(), probe.summary(), probe.tracked(), probe.outstanding(),
                    readings.breachesSkipped(), loss, SystemStats.peakRssMiB(options.systemPids()), cpuDuringLoad,
                    threadsDuringLoad, databaseDuringLoad);
        }
    }

    private static SystemDatabase database(Options options) {
        return new SystemDatabase(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
    }

    /** The query side must have projected every encounter and the alerting saga must have started for each. */
    private static void awaitReady(SystemDatabase database, Set<Long> encounterIds) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        while (true) {
            int projected = database.projectedEncounters(encounterIds);
            int sagas = database.startedSagas(encounterIds);
            if (projected == encounterIds.size() && sagas == encounterIds.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready: %d of %d encounters projected, %d sagas started"
                        .formatted(projected, encounterIds.size(), sagas));
            }
            LOG.info("waiting for the system: {} of {} encounters projected, {} sagas started", projected,
                    encounterIds.size(), sagas);
            Thread.sleep(1_000);
        }
    }
}
