package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.hospital.events.Topics;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Stopping and starting the system keeps every encounter and raises or re-sends no old alert. */
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

            // A new reading that is seen in the views proves every processor has caught up past the old events.
            slice.recordVitals(afterRestart, 1, 82);
            await().atMost(Slice.VIEW_TIMEOUT).until(
                    () -> api.get("/patients/1/vitals/recent", doctorToken).data().get("vitals").size() == 2);

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
}
