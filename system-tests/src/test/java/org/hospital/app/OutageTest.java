package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hospital.events.Topics;
import org.hospital.infra.EmbeddedKafka;
import org.hospital.infra.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole system under a steady stream of readings while Kafka or PostgreSQL is stopped and started again on
 * the same port and data. The outage lengths default to the ones the operations requirements name (Kafka 60 s,
 * PostgreSQL 30 s); {@code -Doutage.kafka.seconds} and {@code -Doutage.postgres.seconds} change them for a quicker
 * local run. {@code -Doutage.readings.per.second} changes the rate (10 by default). Each case prints the answers by
 * status and the latency while the server was down and after.
 */
@Tag("integration")
class OutageTest {

    private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(Long.getLong("outage.kafka.seconds", 60));
    private static final Duration POSTGRES_OUTAGE = Duration.ofSeconds(Long.getLong("outage.postgres.seconds", 30));
    private static final int READINGS_PER_SECOND = Integer.getInteger("outage.readings.per.second", 10);
    /** Processors back off up to a minute between retries after a failure; catching up may take that long and more. */
    private static final Duration CATCH_UP = Duration.ofSeconds(180);

    static {
        // Surefire runs tests with -ea. pgjdbc asserts that a connection it has just lost still answers
        // getAutoCommit(); with -ea a lost connection becomes an AssertionError, which production (without -ea)
        // never sees and which would stop Spring Kafka listener containers. The driver runs as it does in production.
        OutageTest.class.getClassLoader().setPackageAssertionStatus("org.postgresql", false);
    }

    /** This class stops its servers, so it owns them instead of sharing the JVM's test infrastructure. */
    @TempDir
    static Path directory;

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafka kafka;
    private static RunningSystem system;
    private static HttpApi api;
    private static String doctorToken;
    private static String nurseToken;
    private static List<Trickle.Encounter> encounters;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgres.start(directory.resolve("postgres"), 0);
        kafka = EmbeddedKafka.start(directory.resolve("kafka"), 0);
        system = RunningSystem.start("all", Map.of(
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", postgres.username(),
                "spring.datasource.password", postgres.password(),
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers()), "demo");
        api = system.api();
        Slice slice = new Slice(api, api);
        // Patients 1 and 2 go to the two ICU rooms, on the demo nurse's ward; three more patients get rooms of
        // their own there, so that the readings are spread over five encounters as on a real ward.
        Slice.Admission first = slice.admitPatient(1);
        Slice.Admission second = slice.admitPatient(2);
        doctorToken = first.doctorToken();
        nurseToken = first.nurseToken();
        List<Trickle.Encounter> admitted = new ArrayList<>(List.of(new Trickle.Encounter(first.encounterId(), 1),
                new Trickle.Encounter(second.encounterId(), 2)));
        String adminToken = api.login("admin", "password");
        for (int i = 1; i <= 3; i++) {
            long roomId = created(api.post("/rooms", adminToken,
                    "{\"room_number\":\"ICU-" + i + "\",\"ward\":\"ICU\"}"));
            long patientId = created(api.post("/patients", adminToken,
                    "{\"name\":\"Patient " + i + "\",\"date_of_birth\":\"1960-0" + i + "-01\",\"gender\":\"U\"}"));
            long encounterId = created(api.post("/encounters", doctorToken, "{\"patient_id\":" + patientId
                    + ",\"doctor_id\":" + first.doctorId() + ",\"room_id\":" + roomId + "}"));
            admitted.add(new Trickle.Encounter(encounterId, patientId));
        }
        encounters = List.copyOf(admitted);
    }

    private static long created(HttpApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        kafka.close();
        postgres.close();
    }

    @Test
    void kafkaOutageKeepsIngestingAndEverythingCatchesUpAfterwards() {
        Trickle.Encounter alertedBefore = encounters.get(1);
        Trickle.Encounter alertedWhileDown = encounters.get(0);
        List<String> readinessWhileDown = new ArrayList<>();
        Duration readyAgainAfter;
        Trickle trickle = new Trickle(api, nurseToken, encounters, READINGS_PER_SECOND);
        try (trickle) {
            trickle.trip(e -> e.equals(alertedBefore));
            warmUp(trickle);
            awaitAlertTypes(alertedBefore, "TACHYCARDIA", "NEWS2_RED_SCORE");
            assertThat(readiness()).isEqualTo("200 UP");
            trickle.trip(e -> e.equals(alertedWhileDown));

            trickle.phase("stopping");
            kafka.close();
            trickle.phase("down");
            Instant end = Instant.now().plus(KAFKA_OUTAGE);
            while (Instant.now().isBefore(end)) {
                readinessWhileDown.add(readiness());
            }
            trickle.phase("restarting");
            kafka = kafka.restart();
            trickle.phase("after");
            trickle.trip(e -> false);
            Instant restarted = Instant.now();
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness().equals("200 UP"));
            readyAgainAfter = Duration.between(restarted, Instant.now());
            await().atMost(Duration.ofSeconds(30)).until(() -> trickle.sent("after").size() >= 5 * READINGS_PER_SECOND);
        }
        report("Kafka stopped for " + KAFKA_OUTAGE.toSeconds() + " s", trickle,
                "readiness while down: " + counts(readinessWhileDown) + "; UP again "
                        + readyAgainAfter.toMillis() + " ms after the broker");

        assertThat(trickle.sent().stream().filter(s -> !s.phase().equals("warm-up") && !s.acknowledged()).toList())
                .as("readings not acknowledged with 201 while Kafka was stopping, down or back").isEmpty();
        assertThat(trickle.sent("down")).hasSizeGreaterThan(READINGS_PER_SECOND * (int) KAFKA_OUTAGE.toSeconds() / 2);
        assertThat(readinessWhileDown).as("readiness reports the broker's absence").contains("503 DOWN");
        assertThat(readinessWhileDown.getLast()).isEqualTo("503 DOWN");

        Set<Long> acknowledged = trickle.sent().stream().filter(Trickle.Sent::acknowledged)
                .map(Trickle.Sent::readingId).collect(Collectors.toSet());
        Instant catchUpStarted = Instant.now();
        awaitInView(acknowledged);
        Duration viewsCaughtUp = Duration.between(catchUpStarted, Instant.now());
        try (TopicReader vitals = new TopicReader(kafka.bootstrapServers(), Topics.VITALS_STREAM);
             TopicReader alerts = new TopicReader(kafka.bootstrapServers(), Topics.ALERTS)) {
            await().atMost(CATCH_UP).until(() -> vitals.poll().stream().map(m -> m.value().get("id").asLong())
                    .collect(Collectors.toSet()).containsAll(acknowledged));
            awaitAlertTypes(alertedWhileDown, "TACHYCARDIA", "NEWS2_RED_SCORE");
            List<TopicReader.Message> raised = await().atMost(CATCH_UP).until(() -> raisedAlerts(alerts.poll()),
                    r -> r.size() >= 4);
            System.out.printf("[outage] the view had every acknowledged reading %d ms after the last one;"
                    + " raised alerts: %s%n", viewsCaughtUp.toMillis(),
                    raised.stream().map(OutageTest::describe).toList());
            Map<String, Long> raisedPerAlert = raised.stream()
                    .collect(Collectors.groupingBy(OutageTest::describe, Collectors.counting()));
            assertThat(raisedPerAlert).as("each alert is raised once on the alerts topic").containsOnlyKeys(
                    alertedBefore.id() + " TACHYCARDIA", alertedBefore.id() + " NEWS2_RED_SCORE",
                    alertedWhileDown.id() + " TACHYCARDIA", alertedWhileDown.id() + " NEWS2_RED_SCORE")
                    .allSatisfy((alert, count) -> assertThat(count).as(alert).isEqualTo(1));
        }
    }

    @Test
    void postgresOutageAnswers503AndStoresNothingHalfWayThenRecoversOnItsOwn() {
        List<String> readinessWhileDown = new ArrayList<>();
        Duration keepsUpAgainAfter;
        long restartBegan;
        Trickle trickle = new Trickle(api, nurseToken, encounters, READINGS_PER_SECOND);
        try (trickle) {
            warmUp(trickle);

            trickle.phase("stopping");
            postgres.close();
            trickle.phase("down");
            Instant end = Instant.now().plus(POSTGRES_OUTAGE);
            while (Instant.now().isBefore(end)) {
                readinessWhileDown.add(readiness());
            }
            restartBegan = System.nanoTime();
            trickle.phase("restarting");
            postgres = postgres.restart();
            trickle.phase("recovering");
            Instant restarted = Instant.now();
            // The requests that waited for a connection all arrive at once; recovered means keeping up again.
            await().atMost(Duration.ofSeconds(90)).until(() -> trickle.keepsUp(2 * READINGS_PER_SECOND));
            keepsUpAgainAfter = Duration.between(restarted, Instant.now());
            trickle.phase("after");
            await().atMost(Duration.ofSeconds(30)).until(() -> trickle.sent("after").size() >= 5 * READINGS_PER_SECOND);
        }
        report("PostgreSQL stopped for " + POSTGRES_OUTAGE.toSeconds() + " s", trickle,
                "readiness while down: " + counts(readinessWhileDown) + "; every write answered 201 again "
                        + keepsUpAgainAfter.toMillis() + " ms after the database");

        assertThat(trickle.sent().stream().filter(s -> s.phase().equals("down") && s.answeredAtNanos() < restartBegan)
                .toList()).as("answers given while the database was down").isNotEmpty()
                .allSatisfy(s -> assertThat(isUnavailableEnvelope(s)).as(s.toString()).isTrue());
        assertThat(trickle.sent().stream().filter(s -> !s.acknowledged() && !isUnavailableEnvelope(s)).toList())
                .as("answers other than 201 or 503 in the envelope, at any moment").isEmpty();
        assertThat(trickle.sent("after").stream().filter(s -> !s.acknowledged()).toList())
                .as("writes refused after the system caught up again").isEmpty();
        assertThat(readinessWhileDown).as("readiness reports the database's absence").contains("503 DOWN");
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness().equals("200 UP"));

        // Nothing half-written: an acknowledged reading is in the event store and the dedup table, a refused one
        // in neither.
        Map<String, Long> stored = storedReadings();
        Map<String, Long> claimed = claimedReadings();
        List<Trickle.Sent> acknowledged = trickle.sent().stream().filter(Trickle.Sent::acknowledged).toList();
        List<Trickle.Sent> refused = trickle.sent().stream().filter(s -> !s.acknowledged()).toList();
        assertThat(refused).isNotEmpty();
        assertThat(acknowledged.stream().filter(s -> !Long.valueOf(s.readingId()).equals(stored.get(key(s)))
                || !Long.valueOf(s.readingId()).equals(claimed.get(key(s)))).toList())
                .as("acknowledged readings missing from the event store or vitals_dedup").isEmpty();
        assertThat(refused.stream().filter(s -> stored.containsKey(key(s)) || claimed.containsKey(key(s))).toList())
                .as("refused readings found in the event store or vitals_dedup").isEmpty();
        awaitInView(acknowledged.stream().map(Trickle.Sent::readingId).collect(Collectors.toSet()));
    }

    /**
     * A freshly started JVM may not keep up with the stream at first (cold code, processors catching up with the
     * demo data); the outage starts once it does. What the warm-up answered is reported, and may only be 201 or 503.
     */
    private static void warmUp(Trickle trickle) {
        trickle.phase("warm-up");
        await().atMost(Duration.ofSeconds(120)).until(() -> trickle.keepsUp(2 * READINGS_PER_SECOND));
        trickle.phase("before");
        await().atMost(Duration.ofSeconds(30)).until(() -> trickle.sent("before").size() >= 2 * READINGS_PER_SECOND);
        assertThat(trickle.sent("warm-up").stream().filter(s -> !s.acknowledged() && !isUnavailableEnvelope(s))
                .toList()).as("warm-up answers other than 201 or 503 in the envelope").isEmpty();
    }

    private static void awaitInView(Set<Long> readingIds) {
        await().atMost(CATCH_UP)
                .until(() -> readingIdsIn("SELECT reading_id FROM view_vitals").containsAll(readingIds));
    }

    private static boolean isUnavailableEnvelope(Trickle.Sent s) {
        return s.status() == 503 && s.body() != null
                && s.body().get("status").asString().equals("error")
                && s.body().get("code").asString().equals("SERVICE_UNAVAILABLE")
                && !s.body().get("request_id").asString().isBlank()
                && !s.body().toString().contains("Exception") && !s.body().toString().contains("at org.");
    }

    private static void report(String outage, Trickle trickle, String health) {
        StringBuilder report = new StringBuilder("[outage] ").append(outage).append(", ")
                .append(READINGS_PER_SECOND).append(" readings/s; ").append(health);
        for (String phase : List.of("warm-up", "before", "stopping", "down", "restarting", "recovering", "after")) {
            if (!trickle.sent(phase).isEmpty()) {
                report.append(System.lineSeparator()).append("[outage]   ").append(trickle.summary(phase));
            }
        }
        System.out.println(report);
    }

    private static String readiness() {
        HttpApi.Response response = api.get("/actuator/health/readiness", null);
        return response.status() + " " + (response.body() == null ? "" : response.body().get("status").asString());
    }

    private static Map<String, Long> counts(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new,
                Collectors.counting()));
    }

    private static void awaitAlertTypes(Trickle.Encounter encounter, String... types) {
        await().atMost(CATCH_UP).until(() -> api.get("/encounters/" + encounter.id() + "/alerts", doctorToken),
                r -> r.status() == 200 && Slice.typesOf(r.data()).containsAll(List.of(types)));
    }

    private static List<TopicReader.Message> raisedAlerts(List<TopicReader.Message> messages) {
        Set<Long> ours = encounters.stream().map(Trickle.Encounter::id).collect(Collectors.toSet());
        return messages.stream().filter(m -> ours.contains(m.value().get("encounter_id").asLong()))
                .filter(m -> m.value().get("change").asString().equals("raised")).toList();
    }

    private static String describe(TopicReader.Message alert) {
        return alert.value().get("encounter_id").asLong() + " " + alert.value().get("type").asString();
    }

    private static String key(Trickle.Sent s) {
        return s.encounterId() + "@" + s.timestamp();
    }

    /** Natural key to reading id, from the VitalsRecorded events in the event store. */
    private static Map<String, Long> storedReadings() {
        Map<String, Long> readings = new LinkedHashMap<>();
        query("SELECT payload FROM domain_event_entry WHERE payload_type LIKE '%.VitalsRecorded'", rows -> {
            JsonNode event = HttpApi.JSON.readTree(rows.getBytes(1));
            readings.put(event.get("encounter_id").asLong() + "@" + Instant.parse(event.get("timestamp").asString()),
                    event.get("reading_id").asLong());
        });
        return readings;
    }

    /** Natural key to reading id, from vitals_dedup. */
    private static Map<String, Long> claimedReadings() {
        Map<String, Long> readings = new LinkedHashMap<>();
        query("SELECT encounter_id, measured_at, reading_id FROM vitals_dedup", rows -> readings.put(
                rows.getLong(1) + "@" + rows.getTimestamp(2).toInstant(), rows.getLong(3)));
        return readings;
    }

    private static Set<Long> readingIdsIn(String sql) {
        Set<Long> ids = new HashSet<>();
        query(sql, rows -> ids.add(rows.getLong(1)));
        return ids;
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    private static void query(String sql, Row row) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                row.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
