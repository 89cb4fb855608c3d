package org.hospital.bench.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;

import org.hospital.bench.BenchEncounter;
import org.hospital.bench.EncounterSetup;
import org.hospital.bench.HttpApi;
import org.hospital.bench.KafkaObserver;
import org.hospital.bench.LossChecker;
import org.hospital.bench.ReadingSource;
import org.hospital.bench.SystemDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash scenario: the system as separate processes (two instances per side), steady load, and in turn a
 * SIGKILL of the active command, query and alerting instance (the owner of the side's tracking processor) and of the
 * Kafka broker, each restarted after a while; then the load
 * stops, the views get a bounded time to converge, and the checks judge what was lost, repeated or reordered.
 */
final class ChaosScenario {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosScenario.class);
    private static final String DEMO_PASSWORD = "password";
    /** The tracking processor whose owner is killed on each side: the instance doing that side's ordered work. */
    private static final Map<String, String> PROCESSOR_OF_SIDE = Map.of("command", "integration-topics",
            "query", "projections", "alerting", "alerting");
    private static final long RACE_INTERVAL_MILLIS = 5_000;

    /** A kill and restart: how long the process took to be ready again, or why it did not. */
    record Restart(String process, double downSeconds, Double readySeconds, String failure) {
    }

    record Result(ChaosOptions options, Instant startedAt, Path workDir, double startupSeconds,
                  List<Phase.Summary> phases, List<Restart> restarts, List<TakeoverWatch.Change> takeovers,
                  List<AdmissionRace.Round> raceRounds, List<ChaosChecks.Check> checks, double convergenceSeconds,
                  Map<String, Boolean> aliveAtEnd) {

        boolean passed() {
            return checks.stream().allMatch(ChaosChecks.Check::passed);
        }
    }

    private ChaosScenario() {
    }

    static Result run(ChaosOptions options) throws Exception {
        Instant startedAt = Instant.now();
        long runStart = System.nanoTime();
        Path workDir = options.workDir() != null ? options.workDir() : Files.createTempDirectory("hospital-chaos-");
        Files.createDirectories(workDir);
        try (Cluster cluster = Cluster.start(options, workDir)) {
            double startupSeconds = (System.nanoTime() - runStart) / 1e9;
            return run(options, cluster, startedAt, runStart, workDir, startupSeconds);
        }
    }

    private static Result run(ChaosOptions options, Cluster cluster, Instant startedAt, long runStart, Path workDir,
                              double startupSeconds) throws Exception {
        List<String> commands = List.of("command-1", "command-2");
        List<String> queries = List.of("query-1", "query-2");
        List<HttpApi> commandApis = commands.stream()
                .map(name -> new HttpApi(cluster.baseUrl(name), options.requestTimeout())).toList();
        List<HttpApi> queryApis = queries.stream()
                .map(name -> new HttpApi(cluster.baseUrl(name), options.requestTimeout())).toList();
        String adminToken = commandApis.getFirst().login("admin", DEMO_PASSWORD);
        String nurseToken = commandApis.getFirst().login("nurse_joy", DEMO_PASSWORD);
        List<BenchEncounter> encounters = new EncounterSetup(commandApis.getFirst(), adminToken, 4)
                .admit(options.encounters());
        Set<Long> encounterIds = encounters.stream().map(BenchEncounter::id).collect(Collectors.toUnmodifiableSet());
        AdmissionRace race = new AdmissionRace(commandApis, adminToken);
        race.prepare(options.raceRounds());

        String jdbcUrl = cluster.postgres().jdbcUrl();
        String user = cluster.postgres().username();
        String password = cluster.postgres().password();
        try (SystemDatabase lossDatabase = new SystemDatabase(jdbcUrl, user, password);
             ChaosDatabase checkDatabase = new ChaosDatabase(jdbcUrl, user, password);
             ChaosDatabase watchDatabase = new ChaosDatabase(jdbcUrl, user, password);
             KafkaObserver observer = new KafkaObserver(cluster.bootstrapServers(), encounterIds);
             TakeoverWatch watch = new TakeoverWatch(watchDatabase, cluster.bootstrapServers(),
                     pid -> cluster.processes().stream().filter(p -> p.hadPid(pid)).map(SystemProcess::name)
                             .findFirst().orElse(null), runStart)) {
            awaitProjected(lossDatabase, encounterIds, options.readyTimeout());

            ChaosLoad load = new ChaosLoad(commands, commandApis, queries, queryApis, nurseToken, encounters,
                    new ReadingSource(encounters, options.alertShare()), observer, options.rate(), options.retry());
            load.start("baseline");
            Thread raceThread = Thread.ofPlatform().name("admission-race").start(() -> runRace(race, cluster));
            Thread.sleep(options.baseline());

            Random moments = new Random(options.seed());
            List<Restart> restarts = new ArrayList<>();
            for (String side : Cluster.SIDES) {
                awaitRandomMoment(moments, options.jitter());
                String name = activeInstance(side, checkDatabase, cluster);
                restarts.add(killAndRestart(load, List.of(cluster.process(name)), name, options.down(), options));
            }
            awaitRandomMoment(moments, options.jitter());
            restarts.add(killAndRestart(load, List.of(cluster.process("kafka")), "kafka", options.kafkaDown(),
                    options));
            if (!options.postgresDown().isZero()) {
                awaitRandomMoment(moments, options.jitter());
                restarts.add(killAndRestartPostgres(load, cluster, options));
            }
            if (!options.bothDown().isZero()) {
                restarts.add(killAndRestart(load, List.of(cluster.process("query-1"), cluster.process("query-2")),
                        "query-1+query-2", options.bothDown(), options));
            }
            load.phase("after");
            Thread.sleep(options.baseline());
            load.stop();
            raceThread.interrupt();
            raceThread.join();

            ChaosChecks checks = new ChaosChecks(checkDatabase, observer, encounterIds);
            LOG.info("load stopped: {} readings acknowledged; waiting up to {} s for the views",
                    load.acknowledgedIds().size(), options.drain().toSeconds());
            LossChecker.Verdict loss = new LossChecker(lossDatabase, observer, encounterIds).check(
                    load.acknowledgedIds(), Set.of(), options.drain(), () -> checks.viewsAgree(race.roomIds()));
            List<ChaosChecks.Check> verdicts = new ArrayList<>(List.of(checks.readings(loss),
                    checks.streamRepeats(loss), checks.alerts(), checks.admissions(race.rounds(), race.roomIds()),
                    checks.order()));
            List<Phase.Summary> phases = load.phases().stream().map(phase -> phase.summary(runStart)).toList();
            Map<String, Boolean> alive = new LinkedHashMap<>();
            cluster.processes().forEach(process -> alive.put(process.name(), process.alive()));
            verdicts.add(recovered(restarts, alive));
            verdicts.add(killedUnderLoad(phases));
            verdicts.add(noServerErrors(phases));
            return new Result(options, startedAt, workDir, startupSeconds, phases, restarts, watch.changes(),
                    race.rounds(), verdicts, loss.drainSeconds(), alive);
        }
    }

    private static Restart killAndRestart(ChaosLoad load, List<SystemProcess> processes, String name,
                                          Duration down, ChaosOptions options) throws InterruptedException {
        load.phase(name + " down");
        for (SystemProcess process : processes) {
            process.kill();
        }
        Thread.sleep(down);
        load.phase(name + " restarting");
        long restart = System.nanoTime();
        try {
            double slowest = 0;
            processes.forEach(SystemProcess::start);
            for (SystemProcess process : processes) {
                slowest = Math.max(slowest, process.awaitReady(options.readyTimeout(), restart));
            }
            return new Restart(name, down.toMillis() / 1000.0, slowest, null);
        } catch (IllegalStateException e) {
            LOG.error("{} did not come back: {}", name, e.getMessage());
            return new Restart(name, down.toMillis() / 1000.0, null, e.getMessage());
        }
    }

    /**
     * PostgreSQL's server and backends killed at once, started again after a while on the same data; ready again
     * when every side's readiness check (which includes the database) answers 200.
     */
    private static Restart killAndRestartPostgres(ChaosLoad load, Cluster cluster, ChaosOptions options)
            throws InterruptedException {
        load.phase("postgres down");
        cluster.killPostgres();
        Thread.sleep(options.postgresDown());
        load.phase("postgres restarting");
        long restart = System.nanoTime();
        double down = options.postgresDown().toMillis() / 1000.0;
        try {
            cluster.restartPostgres();
            return new Restart("postgres", down, cluster.awaitSidesReady(options.readyTimeout(), restart), null);
        } catch (RuntimeException e) {
            LOG.error("the system did not come back after PostgreSQL's restart: {}", e.getMessage());
            return new Restart("postgres", down, null, e.getMessage());
        }
    }

    /** Lets the load run on for a random part of {@code jitter}, so kills do not fall on the same moments. */
    private static void awaitRandomMoment(Random moments, Duration jitter) throws InterruptedException {
        if (!jitter.isZero()) {
            Thread.sleep(moments.nextLong(jitter.toMillis()));
        }
    }

    /** A round every few seconds while both command instances run (a round against a dead one decides nothing). */
    private static void runRace(AdmissionRace race, Cluster cluster) {
        try {
            for (int round = 0; round < race.prepared(); round++) {
                Thread.sleep(RACE_INTERVAL_MILLIS);
                while (!cluster.process("command-1").ready() || !cluster.process("command-2").ready()
                        || !cluster.postgresRunning()) {
                    Thread.sleep(500);
                }
                AdmissionRace.Round result = race.run(round);
                LOG.info("admission race round {} ({}): {} / {}", round, result.contested(), result.first(),
                        result.second());
            }
        } catch (InterruptedException e) {
            // the load is over; rounds not run are not counted
        }
    }

    private static ChaosChecks.Check recovered(List<Restart> restarts, Map<String, Boolean> alive) {
        List<String> failed = restarts.stream().filter(r -> r.failure() != null).map(Restart::process).toList();
        List<String> dead = alive.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        return new ChaosChecks.Check("every killed process came back and every process runs at the end",
                failed.isEmpty() && dead.isEmpty(), "ready again after (s): " + restarts.stream()
                .map(r -> r.process() + " " + (r.readySeconds() == null ? "never" : "%.1f".formatted(r.readySeconds())))
                .toList() + "; not restarted " + failed + "; not running at the end " + dead);
    }

    /**
     * The kills happened under load: readings were due in every down phase, the killed command and query
     * instances were each sent at least one request while dead, and readings were refused while PostgreSQL was.
     */
    private static ChaosChecks.Check killedUnderLoad(List<Phase.Summary> phases) {
        List<String> problems = new ArrayList<>();
        List<String> hits = new ArrayList<>();
        for (Phase.Summary phase : phases) {
            if (!phase.name().endsWith(" down")) {
                continue;
            }
            if (phase.sent() == 0) {
                problems.add("no readings due while " + phase.name());
            }
            String killed = phase.name().substring(0, phase.name().length() - " down".length());
            if (killed.equals("postgres")) {
                long refused = phase.firstAttempts().entrySet().stream()
                        .filter(e -> e.getKey().contains(" HTTP 503")).mapToLong(Map.Entry::getValue).sum();
                hits.add("postgres (answered 503) " + refused);
                if (refused == 0) {
                    problems.add("no reading was refused with 503 while PostgreSQL was dead");
                }
                continue;
            }
            boolean command = killed.startsWith("command-");
            if (command || killed.startsWith("query-")) {
                long unanswered = unanswered(phase, killed, !command);
                hits.add(killed + " " + unanswered);
                if (unanswered == 0) {
                    problems.add("no request went to " + killed + " while it was dead");
                }
            }
        }
        return new ChaosChecks.Check("every kill happened under load", problems.isEmpty() && hits.size() >= 2,
                "requests without answer from the dead instance: %s %s".formatted(hits, problems));
    }

    /**
     * No live instance answered with a server error other than 503 (a refusal the caller may retry: nothing stored);
     * a 500 is a defect whatever the circumstances.
     */
    static ChaosChecks.Check noServerErrors(List<Phase.Summary> phases) {
        Map<String, Long> errors = new TreeMap<>();
        for (Phase.Summary phase : phases) {
            Stream.concat(phase.firstAttempts().entrySet().stream(), phase.reads().entrySet().stream())
                    .filter(e -> e.getKey().matches(".* HTTP 5\\d\\d.*") && !e.getKey().contains(" HTTP 503"))
                    .forEach(e -> errors.merge(phase.name() + ": " + e.getKey(), e.getValue(), Long::sum));
        }
        return new ChaosChecks.Check("no answer was a server error other than 503", errors.isEmpty(),
                errors.isEmpty() ? "none" : errors.toString());
    }

    private static long unanswered(Phase.Summary phase, String instance, boolean reads) {
        return (reads ? phase.reads() : phase.firstAttempts()).entrySet().stream()
                .filter(e -> e.getKey().startsWith(instance + " ") && !e.getKey().startsWith(instance + " HTTP"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * The instance of {@code side} that owns its tracking processor's token now (the other one idles until it can
     * claim it), so the kill makes the other instance take over; the first instance when no owner is known.
     */
    private static String activeInstance(String side, ChaosDatabase database, Cluster cluster) {
        String owner = database.tokenOwners().get(PROCESSOR_OF_SIDE.get(side) + "/0");
        if (owner != null && owner.contains("@")) {
            long pid = Long.parseLong(owner.substring(0, owner.indexOf('@')));
            for (int instance = 1; instance <= 2; instance++) {
                SystemProcess process = cluster.process(side + "-" + instance);
                if (process.alive() && process.pid() == pid) {
                    return process.name();
                }
            }
        }
        return side + "-1";
    }

    static void awaitProjected(SystemDatabase database, Set<Long> encounterIds, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (database.projectedEncounters(encounterIds) < encounterIds.size()
                || database.startedSagas(encounterIds) < encounterIds.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("encounters not projected or sagas not started after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
    }
}
