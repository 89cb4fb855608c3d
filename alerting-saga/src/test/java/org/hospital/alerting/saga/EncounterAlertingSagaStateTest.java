package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.messaging.MessagingConfiguration;
import org.hospital.platform.schema.SchemaMigration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The saga's state survives Axon's general serializer as the platform configures it, and sagas stored before the
 * state became one value are moved into the new shape by the alerting schema's migration.
 */
class EncounterAlertingSagaStateTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00.123Z");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(MessagingConfiguration.axonObjectMapper())
            .build();

    @Test
    void keepsEveryPartOfTheStateThroughSerialisationAndNothingElse() {
        EncounterAlertingSaga saga = new EncounterAlertingSaga();
        saga.setState(fullState());

        byte[] stored = serializer.serialize(saga, byte[].class).getData();
        EncounterAlertingSaga loaded = read(stored);

        assertThat(new String(stored, StandardCharsets.UTF_8))
                .doesNotContain("policy", "alertCommandSender", "deadlineManager", "clock");
        assertThat(loaded.getState()).isEqualTo(saga.getState());
        assertThat(loaded.getState().vitals().hrBpm().value()).isEqualTo(120);
        assertThat(loaded.getState().vitals().tempC().value()).isEqualTo(38.4);
    }

    @Test
    void movesASagaStoredBeforeTheStateWasOneValueIntoTheNewShape() {
        DataSource dataSource = TestInfrastructure.shared().newDataSource("saga_state");
        SchemaMigration.configuration(dataSource, "alerting").target("3").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String before = """
                {"encounterId":10,"patientId":1,"alerts":{"FEVER":{"alertKey":"10:FEVER:5001","alertId":null,
                "severity":"medium","readingId":5001,"requestedAt":"2026-11-27T10:00:00.123Z","acknowledged":false,
                "pendingRepeats":[{"readingId":5002,"severity":"medium","seenAt":"2026-11-27T10:00:00.123Z"}]}},
                "escalations":{"77":{"severity":"critical","level":2,"scheduleId":"schedule-1"}},"spo2Scale":2,
                "vitals":{"respRate":{"value":22,"measuredAt":"2026-11-27T10:00:00.123Z","readingId":5001},
                "spo2Pct":{"value":91,"measuredAt":"2026-11-27T10:00:00.123Z","readingId":5001},
                "onOxygen":{"value":true,"measuredAt":"2026-11-27T10:00:00.123Z","readingId":5001},"bpSystolic":null,
                "hrBpm":{"value":120,"measuredAt":"2026-11-27T10:00:00.123Z","readingId":5002},
                "consciousness":{"value":"V","measuredAt":"2026-11-27T10:00:00.123Z","readingId":5001},
                "tempC":{"value":38.4,"measuredAt":"2026-11-27T10:00:00.123Z","readingId":5001}},
                "news2Score":7,"news2Risk":"high","newestReadingId":5002,
                "newestMeasuredAt":"2026-11-27T10:00:00.123Z","overdueScheduleId":"schedule-2",
                "overdueDueAt":"2026-11-27T10:15:00.123Z","overdueIntervalMinutes":15,"recentReadingIds":[5001,5002]}
                """;
        jdbc.update("INSERT INTO alerting_saga (saga_id, encounter_id, version, state) VALUES ('saga-10', 10, 0, ?)",
                (Object) before.getBytes(StandardCharsets.UTF_8));

        SchemaMigration.apply(dataSource, "alerting");

        byte[] after = jdbc.queryForObject("SELECT state FROM alerting_saga WHERE saga_id = 'saga-10'", byte[].class);
        assertThat(read(after).getState()).isEqualTo(fullState());
    }

    private EncounterAlertingSaga read(byte[] stored) {
        return serializer.deserialize(new SimpleSerializedObject<>(stored, byte[].class,
                EncounterAlertingSaga.class.getName(), null));
    }

    private static EncounterState fullState() {
        LatestVitals vitals = new LatestVitals(new Latest<>(22, AT, 5001), new Latest<>(91, AT, 5001),
                new Latest<>(true, AT, 5001), null, new Latest<>(120, AT, 5002), new Latest<>("V", AT, 5001),
                new Latest<>(38.4, AT, 5001));
        Map<String, TrackedAlert> alerts = Map.of("FEVER", TrackedAlert.requested("10:FEVER:5001", "medium", 5001, AT)
                .withPendingRepeat(new TrackedAlert.PendingRepeat(5002, "medium", AT)));
        return new EncounterState(10, 1, alerts, Map.of(77L, new Escalation("critical", 2, "schedule-1")), 2, vitals,
                7, "high", 5002L, AT, "schedule-2", AT.plusSeconds(900), 15L, RecentReadings.of(5001L, 5002L));
    }
}
