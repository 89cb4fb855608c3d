package org.hospital.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertNotification;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.events.DoctorRegistered;
import org.hospital.events.EscalateAlert;
import org.hospital.events.News2Breakdown;
import org.hospital.events.News2Scored;
import org.hospital.events.NurseRegistered;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientRegistered;
import org.hospital.events.PatientTransferred;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.RoomAdded;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.events.VitalsRecorded;
import org.hospital.events.VitalsStreamRecord;
import org.hospital.platform.messaging.MessagingConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed fixtures ({@code fixtures/events/*.json}) are the exact bytes this version's event serializer
 * writes for every record of the published language. Every fixture must still read into its record with the same
 * values: a change that breaks an event already stored (renamed or retyped field) fails here. Rewrite the fixtures
 * only when a new event type is added: {@code -Dfixtures.write=true}; never to make a failing fixture pass.
 */
class EventFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/events");
    private static final Instant T = Instant.parse("2023-10-27T10:05:00Z");
    /** Records that only travel inside events; their fixtures are the events that carry them. */
    private static final Set<String> VALUE_TYPES = Set.of("News2Breakdown");
    private static final News2Breakdown BREAKDOWN = new News2Breakdown(0, 1, 0, 0, 2, 0, 0, 1);

    /** The platform's event serializer, built as {@code MessagingConfiguration} builds its bean. */
    private static final Serializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(MessagingConfiguration.eventObjectMapper()).build();

    /** One sample per record of {@code org.hospital.events}, with a value in every field. */
    static List<Object> samples() {
        return List.of(
                new PatientRegistered(1, "Asha Rao", LocalDate.of(1970, 3, 1), "F"),
                new DoctorRegistered(2, "Dr. Gregory House", 12L),
                new NurseRegistered(7, "Nurse Joy", "ICU", 13L),
                new RoomAdded(5, "101A", "ICU"),
                new PatientAdmitted(10, 1, 2, 5, "101A", "ICU", T),
                new PatientTransferred(10, 1, 5, 6, "102", "ICU", T.plusSeconds(60)),
                new PatientDischarged(10, 1, 6, T.plusSeconds(3600)),
                new VitalsRecorded(5001, 10, 1, T, 142, 97, 37.2, 121, 79, 18, false, "A", List.of("motion_artifact"),
                        T.plusMillis(250), "device:3"),
                new ObservationRecorded(50, 10, 1, 2, "Tachycardic, reviewed.", T.plusSeconds(120)),
                new AlertRaised(7, 10, 1, "TACHYCARDIA", "high", "High Heart Rate detected: 142 BPM", T, 5001,
                        T.plusSeconds(1), "TACHYCARDIA", Map.of("hr_bpm", 142.0), null),
                new AlertRepeated(7, 10, 1, 5002, "high", 2, T.plusSeconds(30)),
                new AlertAcknowledged(7, 10, 1, 2, T.plusSeconds(40)),
                new AlertEscalated(7, 10, 1, "high", 1, T.plusSeconds(900)),
                new AlertResolved(7, 10, 1, 2, "treated", T.plusSeconds(1000)),
                new News2Scored(10, 1, 5001, 3, "low-medium", BREAKDOWN, T.plusSeconds(1), 60),
                new Spo2ScaleChanged(10, 1, 2, 2, T.plusSeconds(5)),
                new RaiseAlert("10:NEWS2_MEDIUM:5001", 10, 1, "NEWS2_MEDIUM", "high", "NEWS2 score 5 (medium risk)", T,
                        5001, "NEWS2_MEDIUM", Map.of("hr_bpm", 142.0, "spo2_pct", 93.0), BREAKDOWN),
                new RecordAlertRepeat(7, 10, 5002, "high", T.plusSeconds(30)),
                new RecordNews2Score(10, 5001, 3, "low-medium", BREAKDOWN, 60),
                new EscalateAlert(7, 10, 1),
                new AlertNotification(7, "TACHYCARDIA", "high", "High Heart Rate detected: 142 BPM", 1, 10, T, "open",
                        "repeated", 2, 1),
                new VitalsStreamRecord(5001, 1, 10, T, 142, 97, 37.2, 121, 79, 18, false, "A", List.of(),
                        T.plusMillis(250)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsTheCommittedFixtureIntoTheSameRecord(Object expected) throws IOException {
        byte[] fixture = fixture(expected.getClass().getSimpleName() + ".json");

        Object read = SERIALIZER.deserialize(new SimpleSerializedObject<>(fixture, byte[].class,
                expected.getClass().getName(), null));

        assertThat(read).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writesTheSameJsonAsTheCommittedFixture(Object sample) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode written = json.readTree(SERIALIZER.serialize(sample, byte[].class).getData());

        assertThat(written).as("a field was added, removed or renamed: add a fixture of the new shape and keep the "
                + "old one, which must still read").isEqualTo(json.readTree(fixture(
                sample.getClass().getSimpleName() + ".json")));
    }

    @Test
    void hasAFixtureForEveryRecordOfThePublishedLanguage() {
        Set<String> records = new ClassFileImporter()
                .importUrl(PatientAdmitted.class.getProtectionDomain().getCodeSource().getLocation()).stream()
                .filter(JavaClass::isRecord)
                .map(JavaClass::getSimpleName)
                .filter(name -> !VALUE_TYPES.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(samples().stream().map(s -> s.getClass().getSimpleName()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(records);
    }

    /**
     * {@code AlertRaised} gained {@code rule}, {@code values} and {@code news2}. An alert stored before then still
     * reads: the tolerant reader leaves the missing evidence null, and nothing else changes.
     */
    @Test
    void readsAnAlertRaisedStoredBeforeTheEvidenceFieldsExisted() throws IOException {
        AlertRaised old = (AlertRaised) SERIALIZER.deserialize(new SimpleSerializedObject<>(
                fixture("AlertRaised.before-evidence.json"), byte[].class, AlertRaised.class.getName(), null));

        assertThat(old).isEqualTo(new AlertRaised(6, 10, 1, "HYPOXIA", "high", "Low SpO2 detected: 85%",
                Instant.parse("2023-10-27T09:00:00Z"), 4999, Instant.parse("2023-10-27T09:00:01Z"), null, null,
                null));
    }

    /**
     * {@code AlertNotification} gained {@code change}, {@code occurrences} and {@code escalation_level} after the
     * seed shape. A record of the seed shape (still on the retained {@code alerts} topic) reads with {@code change}
     * null and the two counts 0: readers must treat 0 occurrences as "unknown" (at least 1), not as a count.
     */
    @Test
    void readsAnAlertNotificationOfTheSeedShape() throws IOException {
        AlertNotification seed = (AlertNotification) SERIALIZER.deserialize(new SimpleSerializedObject<>(
                fixture("AlertNotification.seed-shape.json"), byte[].class, AlertNotification.class.getName(), null));

        assertThat(seed).isEqualTo(new AlertNotification(7, "TACHYCARDIA", "high",
                "High Heart Rate detected: 142 BPM", 1, 10, T, "open", null, 0, 0));
    }

    /**
     * {@code RecordNews2Score} and {@code News2Scored} gained {@code monitoring_interval_minutes}. A score stored or
     * sent before then still reads, the interval null (the board then takes the band's default).
     */
    @Test
    void readsANews2ScoreOfTheShapeBeforeTheMonitoringInterval() throws IOException {
        News2Scored scored = (News2Scored) SERIALIZER.deserialize(new SimpleSerializedObject<>(
                fixture("News2Scored.before-monitoring-interval.json"), byte[].class, News2Scored.class.getName(),
                null));
        RecordNews2Score request = (RecordNews2Score) SERIALIZER.deserialize(new SimpleSerializedObject<>(
                fixture("RecordNews2Score.before-monitoring-interval.json"), byte[].class,
                RecordNews2Score.class.getName(), null));

        assertThat(scored).isEqualTo(new News2Scored(10, 1, 5001, 3, "low-medium", BREAKDOWN, T.plusSeconds(1), null));
        assertThat(request).isEqualTo(new RecordNews2Score(10, 5001, 3, "low-medium", BREAKDOWN, null));
    }

    /**
     * Writes the fixtures of the current shapes; run once when an event type is added. A tool, not a check: without
     * the property it is reported as skipped rather than passing without having asserted anything.
     */
    @Test
    @EnabledIfSystemProperty(named = "fixtures.write", matches = "true")
    void writeFixturesWhenAsked() throws IOException {
        Files.createDirectories(FIXTURES);
        for (Object sample : samples()) {
            Path file = FIXTURES.resolve(sample.getClass().getSimpleName() + ".json");
            if (!Files.exists(file)) {
                Files.write(file, SERIALIZER.serialize(sample, byte[].class).getData());
            }
            assertThat(file).as("fixture of " + sample.getClass().getSimpleName()).isNotEmptyFile();
        }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = EventFixturesTest.class.getResourceAsStream("/fixtures/events/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
