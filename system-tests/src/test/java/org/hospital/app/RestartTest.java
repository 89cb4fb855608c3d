package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.hospital.events.Topics;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Stopping and starting the system keeps every encounter and raises or re-sends no old alert: checked once the
 * projections and the alerting saga have both shown the effect of a reading sent after the restart.
 */
@Tag("integration")
class RestartTest {

    @Test
    void restartKeepsStateAndDoesNotRepeatAlerts() {
        String database = TestInfrastructure.shared().newDatabase("restart");
        Slice.Admission admission;
        JsonNode alertsBefore;
        try (RunningSystem first = RunningSystem.start("all", database, "demo")) {
            Slice slice = new Slice(first.api(), first.api());
            admission = slice.admitPatient(1);
            slice.recordVitals(admission, 1, 140);
            alertsBefore = slice.awaitAlerts(admission, "TACHYCARDIA", "NEWS2_RED_SCORE");
        }

        try (RunningSystem second = RunningSystem.start("all", database, "demo");
             TopicReader alertTopic = new TopicReader(RunningSystem.bootstrapServers(), Topics.ALERTS)) {
            HttpApi api = second.api();
            String doctorToken = api.login("dr_house", "password");
            String nurseToken = api.login("nurse_joy", "password");
            Slice slice = new Slice(api, api);
            Slice.Admission afterRestart = new Slice.Admission(admission.encounterId(), admission.doctorId(),
                    doctorToken, nurseToken);

            // A new reading that is seen in the views proves the projections have caught up past the old events.
            long newReading = slice.recordVitals(afterRestart, 1, 82);
            await().atMost(Slice.VIEW_TIMEOUT).until(
                    () -> api.get("/patients/1/vitals/recent", doctorToken).data().get("vitals").size() == 2);
            // The saga's effect of the new reading (NEWS2 falls from 3 to 0, so it asks for the score to be recorded)
            // proves the saga has caught up too: it handles an encounter's events in order, and the command side its
            // requests in order, so an alert raised or repeated again for an old reading would be stored before it.
            await().atMost(Slice.VIEW_TIMEOUT).until(() -> storedEvents(database, "News2Scored",
                    "encounter-" + admission.encounterId(), "%\"reading_id\":" + newReading + ",%") == 1);
            assertThat(storedEvents(database, "AlertRaised", "alert-%",
                    "%\"encounter_id\":" + admission.encounterId() + ",%")).isEqualTo(alertsBefore.size());
            assertThat(storedEvents(database, "AlertRepeated", "alert-%",
                    "%\"encounter_id\":" + admission.encounterId() + ",%")).isZero();

            assertThat(api.get("/patients/1/encounter", doctorToken).data().get("encounter").get("id").asLong())
                    .isEqualTo(admission.encounterId());
            assertThat(api.get("/encounters/" + admission.encounterId() + "/alerts", doctorToken).data())
                    .isEqualTo(alertsBefore);
            List<TopicReader.Message> alertMessages =
                    Slice.awaitMessages(alertTopic, admission.encounterId(), alertsBefore.size());
            assertThat(Slice.messagesOf(alertTopic.poll(), admission.encounterId()))
                    .hasSize(alertMessages.size()).hasSize(alertsBefore.size())
                    .allSatisfy(m -> assertThat(m.value().get("change").asString()).isEqualTo("raised"));
        }
    }

    /** Events of a type in the command side's event store, by aggregate and payload pattern (SQL LIKE). */
    private static long storedEvents(String databaseUrl, String type, String aggregate, String payload) {
        var postgres = TestInfrastructure.shared().postgres();
        try (Connection connection = DriverManager.getConnection(databaseUrl, postgres.username(), postgres.password());
             PreparedStatement query = connection.prepareStatement("""
                     SELECT count(*) FROM domain_event_entry WHERE payload_type = ? AND aggregate_identifier LIKE ?
                     AND convert_from(payload, 'UTF8') LIKE ?""")) {
            query.setString(1, "org.hospital.events." + type);
            query.setString(2, aggregate);
            query.setString(3, payload);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
