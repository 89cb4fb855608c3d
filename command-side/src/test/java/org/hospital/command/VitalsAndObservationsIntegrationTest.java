package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Idempotent and batched vitals, observations, and the event position on write responses. */
class VitalsAndObservationsIntegrationTest extends CommandSideHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    Credential admin;
    Credential nurse;
    long patient;
    long encounter;
    long room;

    @BeforeEach
    void admitted() {
        admin = demo("admin");
        nurse = demo("nurse_joy");
        long doctor = ok("GET", "/auth/me", demo("dr_house"), null).path("doctor_id").asLong();
        room = newRoom(admin, "ICU");
        patient = newPatient(admin);
        encounter = admit(admin, patient, doctor, room);
    }

    @Test
    void answersARetriedReadingWithItsOriginalIdAndStoresItOnce() {
        Instant at = recently();
        Reply first = send("POST", "/vitals", nurse, reading(patient, encounter, at, 88),
                Map.of("Idempotency-Key", "retry-1"));
        assertThat(first.status()).isEqualTo(201);
        long id = first.data().path("id").asLong();
        assertThat(first.header("X-Event-Position")).isPresent();

        Reply sameKey = send("POST", "/vitals", nurse, reading(patient, encounter, at, 88),
                Map.of("Idempotency-Key", "retry-1"));
        Reply sameNaturalKey = send("POST", "/vitals", nurse, reading(patient, encounter, at, 88));
        assertThat(sameKey.status()).isEqualTo(201);
        assertThat(sameKey.data().path("id").asLong()).isEqualTo(id);
        assertThat(sameNaturalKey.data().path("id").asLong()).isEqualTo(id);
        assertThat(Long.parseLong(sameKey.header("X-Event-Position").orElseThrow()))
                .isGreaterThanOrEqualTo(Long.parseLong(first.header("X-Event-Position").orElseThrow()));
        assertThat(vitalsEvents()).isEqualTo(1);

        Reply differentBody = send("POST", "/vitals", nurse, reading(patient, encounter, at.plusSeconds(5), 90),
                Map.of("Idempotency-Key", "retry-1"));
        assertThat(differentBody.status()).isEqualTo(409);
        assertThat(send("POST", "/vitals", nurse, reading(patient, encounter, at, 95)).status())
                .as("another value at the same instant from the same sender").isEqualTo(409);
        assertThat(send("POST", "/vitals", nurse, reading(patient, encounter, at.plusSeconds(9), 95),
                Map.of("Idempotency-Key", "bad key with spaces")).status()).isEqualTo(400);
        assertThat(vitalsEvents()).isEqualTo(1);
    }

    @Test
    void storesTheValidReadingsOfABatchAndReportsEachOfTheOthers() {
        Instant at = recently();
        List<Object> readings = new ArrayList<>();
        readings.add(reading(patient, encounter, at, 80));
        Map<String, Object> implausible = new HashMap<>(reading(patient, encounter, at.plusSeconds(1), 80));
        implausible.put("hr_bpm", 400);
        readings.add(implausible);
        Map<String, Object> unknownField = new HashMap<>(reading(patient, encounter, at.plusSeconds(2), 80));
        unknownField.put("heart_rate", 80);
        readings.add(unknownField);
        readings.add(reading(patient, 9_999_999, at.plusSeconds(3), 80));
        readings.add(reading(patient, encounter, at.plusSeconds(4), 81));
        Reply reply = send("POST", "/vitals/batch", nurse, Map.of("readings", readings));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
        JsonNode results = reply.data().path("results");
        assertThat(results).hasSize(5);
        assertThat(results.get(0).path("status").asString()).isEqualTo("received");
        assertThat(results.get(1).path("errors").get(0).path("field").asString()).isEqualTo("hr_bpm");
        assertThat(results.get(2).path("errors").get(0).path("field").asString()).isEqualTo("heart_rate");
        assertThat(results.get(3).path("status").asString()).isEqualTo("rejected");
        assertThat(results.get(4).path("id").asLong()).isGreaterThan(results.get(0).path("id").asLong());
        assertThat(results.get(0).has("errors")).isFalse();
        assertThat(vitalsEvents()).isEqualTo(2);
        assertThat(reply.header("X-Event-Position")).isPresent();

        Reply retried = send("POST", "/vitals/batch", nurse, Map.of("readings", readings));
        assertThat(retried.data().path("results").get(0).path("id").asLong())
                .isEqualTo(results.get(0).path("id").asLong());
        assertThat(vitalsEvents()).as("a retried batch stores nothing new").isEqualTo(2);
    }

    @Test
    void storesConcurrentSingleReadingsEachOnceWithItsOwnIdAndPosition() throws Exception {
        Instant start = recently().minusSeconds(3000);
        List<Callable<Reply>> posts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Object> reading = reading(patient, encounter, start.plusSeconds(i), 60 + i % 40);
            posts.add(() -> send("POST", "/vitals", nurse, reading));
        }
        List<Reply> replies = inParallel(posts);
        assertThat(replies).extracting(Reply::status).containsOnly(201);
        assertThat(replies.stream().map(r -> r.data().path("id").asLong()).distinct()).hasSize(200);
        for (Reply reply : replies) {
            long position = Long.parseLong(reply.header("X-Event-Position").orElseThrow());
            Map<String, Object> event = jdbc.queryForMap("""
                    SELECT global_index, convert_from(meta_data, 'UTF8') AS metadata FROM domain_event_entry
                    WHERE payload_type = 'org.hospital.events.VitalsRecorded'
                    AND convert_from(payload, 'UTF8') LIKE ?""",
                    "%\"reading_id\":" + reply.data().path("id").asLong() + ",%");
            assertThat((Long) event.get("global_index")).as("stored at or before its position")
                    .isLessThanOrEqualTo(position);
            assertThat((String) event.get("metadata")).as("the event names its own request")
                    .contains("\"request_id\":\"" + reply.header("X-Request-Id").orElseThrow() + "\"")
                    .contains("\"actor_role\":\"nurse\"");
        }
        assertThat(vitalsEvents()).isEqualTo(200);
    }

    /**
     * Group commit, made certain instead of left to how requests happen to overlap on a busy machine: the event
     * store is locked while the first reading is written, the others are queued behind it, and only then is it
     * released. Everything that waited goes into one transaction.
     */
    @Test
    void storesTheReadingsThatWaitedForAWriterInOneTransaction() throws Exception {
        Instant start = recently().minusSeconds(4000);
        int waiting = 49;
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             Connection holder = jdbc.getDataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE domain_event_entry IN SHARE MODE");
            }
            replies.add(CompletableFuture.supplyAsync(
                    () -> send("POST", "/vitals", nurse, reading(patient, encounter, start, 61)), clients));
            await().atMost(WAIT).until(this::statementsWaitingForALock, count -> count == 1);
            for (int i = 1; i <= waiting; i++) {
                Map<String, Object> reading = reading(patient, encounter, start.plusSeconds(i), 62);
                replies.add(CompletableFuture.supplyAsync(() -> send("POST", "/vitals", nurse, reading), clients));
            }
            await().atMost(WAIT).until(this::readingsWaitingForAWriter, count -> count == waiting);
            holder.rollback();
        }
        assertThat(replies).extracting(reply -> reply.join().status()).containsOnly(201);
        // Rows written by one transaction share its id (xmin).
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT xmin::text) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = 'org.hospital.events.VitalsRecorded'""",
                Integer.class, "encounter-" + encounter)).as("the held reading, then everything that waited")
                .isEqualTo(2);
    }

    /** Appends to the event store waiting for the lock this test holds. */
    private int statementsWaitingForALock() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                AND query ILIKE 'insert into domain_event_entry%'""", Integer.class);
    }

    /** The group commit's queue as operations see it. */
    private int readingsWaitingForAWriter() {
        return (int) meters.get("hospital.vitals.waiting").gauge().value();
    }

    /** Operations see how far behind each processor is; Axon's timers and counters per message are not kept. */
    @Test
    void reportsEachProcessorsLagAndTimesNoSingleMessage() {
        assertThat(send("POST", "/vitals", nurse, reading(patient, encounter, recently(), 66)).status()).isEqualTo(201);

        String lag = CommandSideConfiguration.INTEGRATION_TOPICS + ".latency";
        await().atMost(WAIT).until(() -> meters.find(lag).gauge() != null);
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("commandBus") || name.startsWith("eventStore")
                        || name.contains("messageTimer") || name.contains("Counter"));
    }

    @Test
    void storesOneReadingRetriedConcurrentlyOnceAndAnswersEveryRetryWithItsId() throws Exception {
        Map<String, Object> reading = reading(patient, encounter, recently(), 77);
        List<Callable<Reply>> posts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            posts.add(() -> send("POST", "/vitals", nurse, reading, Map.of("Idempotency-Key", "same-reading")));
        }
        List<Reply> replies = inParallel(posts);
        assertThat(replies).extracting(Reply::status).containsOnly(201);
        assertThat(replies.stream().map(r -> r.data().path("id").asLong()).distinct()).hasSize(1);
        assertThat(vitalsEvents()).isEqualTo(1);
    }

    @Test
    void storesAReadingTwiceInOneBatchOnceAndRefusesAnotherUnderTheSameKey() {
        Instant at = recently();
        Map<String, Object> first = reading(patient, encounter, at, 70);
        Reply reply = send("POST", "/vitals/batch", nurse, Map.of("readings",
                List.of(first, first, reading(patient, encounter, at, 71))));
        JsonNode results = reply.data().path("results");
        assertThat(results.get(0).path("status").asString()).isEqualTo("received");
        assertThat(results.get(1).path("id").asLong()).isEqualTo(results.get(0).path("id").asLong());
        assertThat(results.get(2).path("status").asString()).isEqualTo("rejected");
        assertThat(vitalsEvents()).isEqualTo(1);
    }

    private static List<Reply> inParallel(List<Callable<Reply>> calls) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> reply : pool.invokeAll(calls)) {
                replies.add(reply.get());
            }
            return replies;
        }
    }

    @Test
    void refusesBatchesOverAThousandReadings() {
        List<Object> readings = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            readings.add(reading(patient, encounter, recently().minusSeconds(i), 80));
        }
        assertThat(send("POST", "/vitals/batch", nurse, Map.of("readings", readings)).status()).isEqualTo(400);
        assertThat(send("POST", "/vitals/batch", nurse, Map.of("readings", List.of())).status()).isEqualTo(400);
    }

    @Test
    void storesAThousandReadingsInOneBatch() {
        List<Object> readings = new ArrayList<>();
        Instant start = recently().minusSeconds(5000);
        for (int i = 0; i < 1000; i++) {
            readings.add(reading(patient, encounter, start.plusSeconds(i), 60 + i % 40));
        }
        Reply reply = send("POST", "/vitals/batch", Credential.deviceKey(deviceKey(admin, room)),
                Map.of("readings", readings));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.data().path("results").valueStream().map(r -> r.path("status").asString()))
                .containsOnly("received");
        assertThat(vitalsEvents()).isEqualTo(1000);
    }

    @Test
    void refusesADeviceBeyondItsReadingBurstWholeWithRetryAfter() {
        Credential device = Credential.deviceKey(deviceKey(admin, room));
        Instant start = recently().minusSeconds(20_000);
        for (int batch = 0; batch < 3; batch++) {
            List<Object> readings = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                readings.add(reading(patient, encounter, start.plusSeconds(batch * 1000L + i), 70));
            }
            assertThat(send("POST", "/vitals/batch", device, Map.of("readings", readings)).status()).isEqualTo(202);
        }
        // The bucket refills at 20 readings a second while the batches are stored: 500 more cannot fit so soon.
        List<Object> more = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            more.add(reading(patient, encounter, start.plusSeconds(5000L + i), 71));
        }
        Reply refused = send("POST", "/vitals/batch", device, Map.of("readings", more));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(vitalsEvents()).as("nothing of the refused request").isEqualTo(3000);
        assertThat(send("POST", "/vitals", nurse, reading(patient, encounter, recently(), 72)).status())
                .as("the limit is the device's, not the encounter's").isEqualTo(201);
    }

    @Test
    void recordsObservationsOnActiveEncountersOnly() {
        Credential doctor = demo("dr_house");
        Reply created = send("POST", "/observations", doctor, Map.of("encounter_id", encounter,
                "note", "  Patient looks stable.  "));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().path("status").asString()).isEqualTo("created");
        long position = Long.parseLong(created.header("X-Event-Position").orElseThrow());
        String payload = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE global_index = ?""",
                String.class, position);
        assertThat(payload).contains("\"note\":\"Patient looks stable.\"")
                .contains("\"observation_id\":" + created.data().path("id").asLong());

        assertThat(send("POST", "/observations", doctor, Map.of("encounter_id", encounter, "note", "   "))
                .status()).isEqualTo(400);
        assertThat(send("POST", "/observations", doctor, Map.of("encounter_id", encounter,
                "note", "x".repeat(10_001))).status()).isEqualTo(400);
        assertThat(send("POST", "/observations", doctor, Map.of("encounter_id", 9_999_999, "note", "Hello"))
                .status()).isEqualTo(404);
        ok("POST", "/encounters/" + encounter + "/discharge", admin, null);
        assertThat(send("POST", "/observations", doctor, Map.of("encounter_id", encounter, "note", "Late"))
                .status()).isEqualTo(409);
    }

    @Test
    void givesEveryEventAppendingWriteItsPosition() {
        Reply admission = send("POST", "/encounters", admin, Map.of("patient_id", newPatient(admin),
                "doctor_id", ok("GET", "/auth/me", demo("dr_house"), null).path("doctor_id").asLong(),
                "room_id", newRoom(admin, "ICU")));
        long admitted = Long.parseLong(admission.header("X-Event-Position").orElseThrow());
        Reply discharge = send("POST", "/encounters/" + admission.data().path("id").asLong() + "/discharge",
                admin, null);
        assertThat(Long.parseLong(discharge.header("X-Event-Position").orElseThrow())).isGreaterThan(admitted);
        assertThat(jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE global_index = ?",
                String.class, admitted)).isEqualTo("org.hospital.events.PatientAdmitted");
        Reply room = send("POST", "/rooms", admin, Map.of("room_number", unique("P"), "ward", "ICU"));
        assertThat(room.header("X-Event-Position")).isPresent();
        assertThat(send("POST", "/encounters/9999999/discharge", admin, null).header("X-Event-Position"))
                .as("errors carry no position").isEmpty();
    }

    private int vitalsEvents() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = 'org.hospital.events.VitalsRecorded'""",
                Integer.class, "encounter-" + encounter);
    }
}
