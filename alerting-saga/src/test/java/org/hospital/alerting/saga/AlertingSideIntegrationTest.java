package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hospital.alerting.saga.ReadingBuilder.reading;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.modelling.saga.AssociationValue;
import org.hospital.alerting.AlertingSideConfiguration;
import org.hospital.alerting.AlertingTestApplication;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.VitalsRecorded;
import org.hospital.infra.TestInfrastructure;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alerting side alone against a real PostgreSQL and a real Kafka broker: domain events in Axon's Kafka format on
 * {@code hospital-events} in, {@code RaiseAlert} as plain JSON on {@code alert-commands} out, saga state in
 * PostgreSQL.
 */
@Tag("own-jvm")
@SpringBootTest(classes = AlertingTestApplication.class)
class AlertingSideIntegrationTest {

    private static final String DATABASE_URL = TestInfrastructure.shared().newDatabase("alerting");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AlertingTestApplication.register(registry, DATABASE_URL);
        // Two segments, as for two alerting instances: each segment handles its own encounters.
        registry.add("hospital.alerting.processor-segments", () -> "2");
    }

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private org.axonframework.config.Configuration axon;

    private KafkaTopics topics;

    // Fresh ids (the broker is shared by every test class of this JVM); the others of the block for related ids.
    private final long encounter = TestIds.block(10);
    private final long patient = encounter + 7;

    @BeforeEach
    void connect() {
        // The topic exists once the context's KafkaAdmin has created it.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            topics = KafkaTopics.connect();
            return true;
        });
    }

    @AfterEach
    void close() {
        topics.close();
    }

    @Test
    void requestsOneTachycardiaAlertForAHeartRateOf140AndKeepsTheSagaInPostgres() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new PatientAdmitted(encounter, patient, 2, 5, "101A", "ICU", now));
        VitalsRecorded tachycardia = reading(5001).of(encounter, patient).heartRate(140).at(now).build();
        publish(tachycardia);

        await().atMost(Duration.ofSeconds(60)).until(() -> commandsOfThisEncounter().size() == 2);

        assertThat(commandsOfThisEncounter().getFirst()).isEqualTo(new RaiseAlert(
                encounter + ":TACHYCARDIA:5001", encounter, patient, "TACHYCARDIA", "high",
                "High Heart Rate detected: 140 BPM", now, 5001, "TACHYCARDIA: hr_bpm > 130",
                Map.of("hr_bpm", 140.0), null));
        assertThat(commandsOfThisEncounter()).extracting(RaiseAlert::type)
                .containsExactly("TACHYCARDIA", "NEWS2_RED_SCORE");
        assertThat(topics.commandsOf(encounter, RecordNews2Score.class)).extracting(RecordNews2Score::score)
                .containsExactly(3);
        // The saga's state is committed with the processor's token, just after the send was acknowledged.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT convert_from(state, 'UTF8') FROM alerting_saga WHERE encounter_id = ?", String.class,
                encounter)).singleElement().asString().contains("\"encounterId\":" + encounter + ","));
    }

    @Test
    void sendsNothingMoreWhenTheSameReadingIsDeliveredAgain() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new PatientAdmitted(encounter, patient, 2, 5, "101A", "ICU", now));
        VitalsRecorded tachycardia = reading(5001).of(encounter, patient).heartRate(140).at(now).build();
        publish(tachycardia);
        await().atMost(Duration.ofSeconds(60)).until(() -> commandsOfThisEncounter().size() == 2);

        publish(tachycardia);
        // A later reading of the same encounter is processed after the redelivered one (same partition, in order):
        // once its alert is out, the redelivery has been handled.
        publish(reading(5002).of(encounter, patient).spo2(85).at(now).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> commandsOfThisEncounter().size() >= 4);

        // Pulse 140 (still fresh) and SpO2 85 score 6 in NEWS2: medium; the red score was already requested.
        assertThat(commandsOfThisEncounter()).extracting(RaiseAlert::alertKey)
                .containsExactly(encounter + ":TACHYCARDIA:5001", encounter + ":NEWS2_RED_SCORE:5001",
                        encounter + ":HYPOXIA:5002", encounter + ":NEWS2_MEDIUM:5002");
        assertThat(topics.commandsOf(encounter, RecordNews2Score.class)).extracting(RecordNews2Score::readingId)
                .containsExactly(5001L, 5002L);
    }

    /**
     * The saga's state and the processor's Kafka position commit together or not at all: while PostgreSQL refuses to
     * move the position (a trigger at commit here), each try of the batch rolls back and keeps none of the saga's
     * state; once it may, the retried batch stores both.
     */
    @Test
    void commitsTheSagaStateAndTheKafkaPositionTogetherOrNeither() {
        jdbc.execute("CREATE SEQUENCE IF NOT EXISTS refused_position_moves");
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION refuse_position_moves() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.processor_name = 'alerting' AND NEW.token IS DISTINCT FROM OLD.token THEN
                        PERFORM nextval('refused_position_moves');
                        RAISE EXCEPTION 'this test refuses to move the alerting position';
                    END IF;
                    RETURN NEW;
                END $$""");
        long refusedBefore = refusedPositionMoves();
        // Deferred to the commit, so that it fires after everything the batch wrote, the saga's state included.
        jdbc.execute("CREATE CONSTRAINT TRIGGER refuse_position_moves AFTER UPDATE ON token_entry "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_position_moves()");
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            publish(new PatientAdmitted(encounter, patient, 2, 5, "101A", "ICU", now));
            publish(reading(5001).of(encounter, patient).heartRate(140).at(now).build());

            await().atMost(Duration.ofSeconds(60)).until(() -> refusedPositionMoves() >= refusedBefore + 2);
            assertThat(sagaRows()).as("saga state kept by a batch whose position was not").isZero();
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS refuse_position_moves ON token_entry");
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> sagaRows() == 1);
    }

    private long refusedPositionMoves() {
        return jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM refused_position_moves",
                Long.class);
    }

    private long sagaRows() {
        return jdbc.queryForObject("SELECT count(*) FROM alerting_saga WHERE encounter_id = ?", Long.class, encounter);
    }

    @Test
    void splitsEncountersOverTwoSegmentsThatEachRaiseTheirEncountersAlerts() {
        // A saga is created by the segment its association value falls into (and keeps an identifier of that
        // segment): pick one encounter for each of the two segments.
        long otherEncounter = encounter + 1;
        while (segmentOf(otherEncounter) == segmentOf(encounter)) {
            otherEncounter++;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (long admitted : List.of(encounter, otherEncounter)) {
            publish(new PatientAdmitted(admitted, admitted + 7, 2, 5, "101A", "ICU", now));
            publish(reading(5001).of(admitted, admitted + 7).heartRate(140).at(now).build());
        }

        long other = otherEncounter;
        await().atMost(Duration.ofSeconds(60)).until(() -> commandsOfThisEncounter().size() == 2
                && topics.commandsOf(other, RaiseAlert.class).size() == 2);
        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(AlertingSideConfiguration.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        assertThat(processor.processingStatus()).containsOnlyKeys(0, 1);
        assertThat(jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = ? ORDER BY segment",
                Integer.class, AlertingSideConfiguration.PROCESSING_GROUP)).containsExactly(0, 1);
        // Each saga lives in the segment that created it: its identifier falls into that segment.
        assertThat(List.of(encounter, other)).extracting(admitted -> jdbc.queryForObject(
                "SELECT saga_id FROM alerting_saga WHERE encounter_id = ?", String.class, admitted).hashCode() & 1)
                .containsExactly(segmentOf(encounter), segmentOf(other));
    }

    @Test
    void keepsDeadlinesInPostgresWithTheSagaState() {
        assertThat(context.getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new PatientAdmitted(encounter, patient, 2, 5, "101A", "ICU", now));
        publish(reading(5001).of(encounter, patient).heartRate(80).at(now).build());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM scheduled_tasks s JOIN alerting_saga e ON convert_from(e.state, 'UTF8') "
                        + "LIKE '%\"overdueScheduleId\":\"' || s.task_instance || '\"%' "
                        + "WHERE convert_from(e.state, 'UTF8') LIKE ?", Long.class,
                "%\"encounterId\":" + encounter + ",%")).isEqualTo(1));
    }

    /**
     * The first reading (NEWS2 7 or more: observations every 15 minutes) makes observations due in a few seconds; the
     * second (NEWS2 1-4: every 4 hours) moves the due time later, which the saga checks only when the deadline fires.
     * Firing, the deadline finds observations in time and schedules itself for the newest reading, with db-scheduler,
     * which refuses to cancel a task while it runs.
     */
    @Test
    void movesTheObservationsDeadlineToTheNewestReadingWhenItFiresBeforeIt() {
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(15)).plusSeconds(3);
        Instant newest = first.plusSeconds(1);
        publish(new PatientAdmitted(encounter, patient, 2, 5, "101A", "ICU", first));
        publish(reading(5001).of(encounter, patient).news2(25, 91, false, 120, 111, "A", 37.0).at(first).build());
        publish(reading(5002).of(encounter, patient).normal().respiratoryRate(21).at(newest).build());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(observationsDue())
                .isEqualTo(newest.plus(Duration.ofHours(4))));
        assertThat(commandsOfThisEncounter()).extracting(RaiseAlert::type).doesNotContain("OBSERVATIONS_OVERDUE");
    }

    /**
     * An alerting instance killed while it runs a deadline leaves the deadline picked in db-scheduler's table. It is
     * run again by a live instance once the dead one has missed six heartbeats (30 s), not after half an hour.
     */
    @Test
    void runsAgainADeadlineThatAnInstanceDiedRunning() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new PatientAdmitted(encounter, patient, 2, 5, "101A", "ICU", now));
        publish(reading(5001).of(encounter, patient).normal().respiratoryRate(21).at(now).build());
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> observationsDue() != null);
        String picked = overdueScheduleId();

        jdbc.update("UPDATE scheduled_tasks SET picked = TRUE, picked_by = 'alerting-instance-that-died',"
                + " last_heartbeat = now() - interval '1 minute', execution_time = now() - interval '1 minute'"
                + " WHERE task_instance = ?", picked);

        // Run again, the deadline finds observations in time and schedules its successor for the same moment.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?", Long.class,
                    picked)).isZero();
            assertThat(overdueScheduleId()).isNotEqualTo(picked);
        });
        assertThat(observationsDue()).isEqualTo(now.plus(Duration.ofHours(4)));
    }

    private String overdueScheduleId() {
        return jdbc.queryForObject("SELECT s.task_instance FROM scheduled_tasks s JOIN alerting_saga e"
                        + " ON convert_from(e.state, 'UTF8') LIKE '%\"overdueScheduleId\":\"' || s.task_instance"
                        + " || '\"%' WHERE convert_from(e.state, 'UTF8') LIKE ?", String.class,
                "%\"encounterId\":" + encounter + ",%");
    }

    /** When the saga's OBSERVATIONS_OVERDUE deadline is scheduled to run, by db-scheduler's own table. */
    private Instant observationsDue() {
        List<Instant> due = jdbc.queryForList("SELECT s.execution_time FROM scheduled_tasks s JOIN alerting_saga e"
                        + " ON convert_from(e.state, 'UTF8') LIKE '%\"overdueScheduleId\":\"' || s.task_instance"
                        + " || '\"%' WHERE convert_from(e.state, 'UTF8') LIKE ?", Timestamp.class,
                "%\"encounterId\":" + encounter + ",%").stream().map(Timestamp::toInstant).toList();
        assertThat(due).hasSize(1);
        return due.getFirst();
    }

    private static int segmentOf(long encounterId) {
        return new AssociationValue("encounterId", String.valueOf(encounterId)).hashCode() & 1;
    }

    private void publish(Object event) {
        topics.publish(event);
    }

    private List<RaiseAlert> commandsOfThisEncounter() {
        return topics.commandsOf(encounter, RaiseAlert.class);
    }
}
