package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The saga's state survives Axon's general serializer as the platform configures it (Jackson 2, Java time). */
class EncounterAlertingSagaStateTest {

    // Same settings as the platform's defaultAxonObjectMapper bean.
    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();

    @Test
    void keepsRequestedAndOpenAlertsThroughSerialisation() {
        Instant requestedAt = Instant.parse("2026-11-27T10:00:00.123Z");
        EncounterAlertingSaga saga = new EncounterAlertingSaga();
        saga.setEncounterId(10);
        saga.setPatientId(1);
        saga.setAlerts(Map.of(
                "TACHYCARDIA", TrackedAlert.requested("10:TACHYCARDIA:5001", "high", 5001, requestedAt),
                "FEVER", TrackedAlert.opened(77, "medium", 5000)));

        SerializedObject<byte[]> stored = serializer.serialize(saga, byte[].class);
        EncounterAlertingSaga loaded = serializer.deserialize(stored);

        assertThat(new String(stored.getData())).doesNotContain("alertCommandSender", "readingEvaluator",
                "settings");
        assertThat(loaded.getEncounterId()).isEqualTo(10);
        assertThat(loaded.getPatientId()).isEqualTo(1);
        assertThat(loaded.getAlerts()).isEqualTo(saga.getAlerts());
    }

    @Test
    void keepsLatestValuesEscalationsAndPendingRepeatsThroughSerialisation() {
        Instant at = Instant.parse("2026-11-27T10:00:00.123Z");
        EncounterAlertingSaga saga = new EncounterAlertingSaga();
        saga.setSpo2Scale(2);
        saga.setVitals(new LatestVitals(new Latest<>(22, at, 5001), new Latest<>(91, at, 5001),
                new Latest<>(true, at, 5001), null, new Latest<>(120, at, 5002), new Latest<>("V", at, 5001),
                new Latest<>(38.4, at, 5001)));
        saga.setEscalations(Map.of(77L, new Escalation("critical", 2, "schedule-1")));
        saga.setAlerts(Map.of("FEVER", TrackedAlert.requested("10:FEVER:5001", "medium", 5001, at)
                .withPendingRepeat(new TrackedAlert.PendingRepeat(5002, "medium", at))));
        saga.setNews2Score(7);
        saga.setNews2Risk("high");
        saga.setNewestReadingId(5002L);
        saga.setNewestMeasuredAt(at);
        saga.setOverdueScheduleId("schedule-2");
        saga.setRecentReadingIds(java.util.List.of(5001L, 5002L));

        EncounterAlertingSaga loaded = serializer.deserialize(serializer.serialize(saga, byte[].class));

        assertThat(loaded).usingRecursiveComparison().isEqualTo(saga);
        assertThat(loaded.getVitals().hrBpm().value()).isEqualTo(120);
        assertThat(loaded.getVitals().tempC().value()).isEqualTo(38.4);
    }

    @Test
    void readsStateWrittenBeforeAFieldWasAdded() {
        byte[] older = """
                {"encounterId":10,"patientId":1,"alerts":{"HYPOXIA":{"alertKey":"10:HYPOXIA:5","severity":"high",
                "readingId":5}},"retiredField":true}""".getBytes();

        EncounterAlertingSaga loaded = serializer.deserialize(new SimpleSerializedObject<>(
                older, byte[].class, EncounterAlertingSaga.class.getName(), null));

        assertThat(loaded.getAlerts().get("HYPOXIA"))
                .isEqualTo(new TrackedAlert("10:HYPOXIA:5", null, "high", 5, null));
    }
}
