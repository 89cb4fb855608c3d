package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The first vertical slice, driven over HTTP as a client would: admit, record a reading with a high heart rate, and
 * wait for the views and the alert. Shared by the one-JVM and the separate-processes tests.
 */
final class Slice {

    static final Duration VIEW_TIMEOUT = Duration.ofSeconds(60);

    private final HttpApi commands;
    private final HttpApi queries;

    Slice(HttpApi commands, HttpApi queries) {
        this.commands = commands;
        this.queries = queries;
    }

    record Admission(long encounterId, long doctorId, String doctorToken, String nurseToken) {
    }

    Admission admitPatient(long patientId) {
        String doctorToken = commands.login("dr_house", "password");
        String nurseToken = commands.login("nurse_joy", "password");
        long doctorId = commands.get("/auth/me", doctorToken).data().get("doctor_id").asLong();
        HttpApi.Response admitted = commands.post("/encounters", doctorToken,
                "{\"patient_id\":" + patientId + ",\"doctor_id\":" + doctorId + "}");
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(201);
        assertThat(admitted.data().get("status").asString()).isEqualTo("active");
        assertThat(admitted.data().get("room_number").asString()).isNotBlank();
        return new Admission(admitted.data().get("id").asLong(), doctorId, doctorToken, nurseToken);
    }

    long recordVitals(Admission admission, long patientId, int heartRate) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        HttpApi.Response recorded = commands.post("/vitals", admission.nurseToken(),
                "{\"patient_id\":" + patientId + ",\"encounter_id\":" + admission.encounterId()
                        + ",\"timestamp\":\"" + now + "\",\"hr_bpm\":" + heartRate
                        + ",\"spo2_pct\":97,\"temp_c\":37.0,\"bp_systolic\":120,\"bp_diastolic\":80,\"resp_rate\":16}");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.data().get("status").asString()).isEqualTo("received");
        return recorded.data().get("id").asLong();
    }

    /** Waits until the encounter's alert list holds an alert of each given type, and returns the whole list. */
    JsonNode awaitAlerts(Admission admission, String... types) {
        String path = "/encounters/" + admission.encounterId() + "/alerts";
        return await().atMost(VIEW_TIMEOUT).until(() -> queries.get(path, admission.doctorToken()),
                r -> r.status() == 200 && typesOf(r.data()).containsAll(List.of(types))).data();
    }

    static JsonNode alertOfType(JsonNode alerts, String type) {
        return alerts.valueStream().filter(a -> a.get("type").asString().equals(type)).findFirst().orElseThrow();
    }

    static List<String> typesOf(JsonNode alerts) {
        return alerts.valueStream().map(a -> a.get("type").asString()).toList();
    }

    void assertViewsShowAdmissionAndReading(Admission admission, long patientId, int heartRate) {
        String token = admission.doctorToken();
        JsonNode encounter = await().atMost(VIEW_TIMEOUT)
                .until(() -> queries.get("/patients/" + patientId + "/encounter", token),
                        r -> r.status() == 200 && !r.data().get("encounter").isNull())
                .data().get("encounter");
        assertThat(encounter.get("id").asLong()).isEqualTo(admission.encounterId());
        assertThat(encounter.get("patient").get("name").asString()).isEqualTo("Asha Rao");
        assertThat(encounter.get("patient").get("age").asInt()).isPositive();
        assertThat(encounter.get("room").get("room_number").asString()).isNotBlank();

        JsonNode doctorsList = queries.get("/doctors/" + admission.doctorId() + "/patients", token).data();
        assertThat(ids(doctorsList.get("encounters"))).contains(admission.encounterId());

        JsonNode recent = await().atMost(VIEW_TIMEOUT)
                .until(() -> queries.get("/patients/" + patientId + "/vitals/recent", token),
                        r -> r.status() == 200 && r.data().get("vitals").size() > 0)
                .data().get("vitals");
        assertThat(recent.get(0).get("hr_bpm").asInt()).isEqualTo(heartRate);

        JsonNode overview = queries.get("/encounters/" + admission.encounterId() + "/overview", token).data();
        assertThat(overview.get("encounter_id").asLong()).isEqualTo(admission.encounterId());
        assertThat(overview.get("latest_vitals").get("hr_bpm").asInt()).isEqualTo(heartRate);
        assertThat(overview.get("status").asString()).isEqualTo("active");
    }

    static void assertTachycardiaAlert(JsonNode alert) {
        assertThat(alert.get("type").asString()).isEqualTo("TACHYCARDIA");
        assertThat(alert.get("severity").asString()).isEqualTo("high");
        assertThat(alert.get("message").asString()).isEqualTo("High Heart Rate detected: 140 BPM");
        assertThat(alert.get("status").asString()).isEqualTo("open");
    }

    static List<TopicReader.Message> awaitMessages(TopicReader reader, long encounterId, int count) {
        return await().atMost(VIEW_TIMEOUT).until(() -> messagesOf(reader.poll(), encounterId),
                messages -> messages.size() >= count);
    }

    static List<TopicReader.Message> messagesOf(List<TopicReader.Message> messages, long encounterId) {
        return messages.stream().filter(m -> m.value().get("encounter_id").asLong() == encounterId).toList();
    }

    private static List<Long> ids(JsonNode array) {
        return array.valueStream().map(n -> n.get("id").asLong()).toList();
    }
}
