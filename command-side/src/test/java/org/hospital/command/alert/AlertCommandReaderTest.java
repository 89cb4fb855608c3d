package org.hospital.command.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hospital.events.AlertCommand;
import org.hospital.events.EscalateAlert;
import org.hospital.events.News2Breakdown;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.Topics;
import org.hospital.platform.messaging.PlainJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertCommandReaderTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final RaiseAlert RAISE = new RaiseAlert("101:FEVER:9", 101, 1, "FEVER", "medium",
            "Fever detected: 39.0 C", AT, 9);

    private static ConsumerRecord<String, byte[]> record(String type, byte[] value) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.ALERT_COMMANDS, 0, 0, "101", value);
        if (type != null) {
            record.headers().add(AlertCommand.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static ConsumerRecord<String, byte[]> record(AlertCommand command) {
        return record(command.getClass().getSimpleName(), PlainJson.write(command));
    }

    @Test
    void readsEachKindByItsTypeHeader() {
        AlertCommand[] commands = {RAISE, new RecordAlertRepeat(7, 101, 10, "high", AT), new EscalateAlert(7, 101, 1),
                new RecordNews2Score(101, 10, 5, "medium", new News2Breakdown(1, 1, 0, 0, 1, 0, 2, 1), 60),
                new RecordNews2Score(101, 10, 5, "medium", null, null)};
        for (AlertCommand command : commands) {
            assertThat(AlertCommandReader.read(record(command))).isEqualTo(command);
        }
    }

    @Test
    void readsARecordWithoutTypeHeaderAsRaiseAlert() {
        assertThat(AlertCommandReader.read(record(null, PlainJson.write(RAISE)))).isEqualTo(RAISE);
    }

    @Test
    void refusesAnUnknownType() {
        assertThatThrownBy(() -> AlertCommandReader.read(record("DeleteAlert", PlainJson.write(RAISE))))
                .isInstanceOf(InvalidAlertCommand.class).hasMessageContaining("DeleteAlert");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "null", "", "[1,2]"})
    void refusesWhatDoesNotRead(String json) {
        assertThatThrownBy(() -> AlertCommandReader.read(record("EscalateAlert",
                json.getBytes(StandardCharsets.UTF_8)))).isInstanceOf(InvalidAlertCommand.class);
    }

    @Test
    void neverQuotesThePayloadInTheReason() {
        byte[] json = "{\"alert_id\": \"Asha Rao\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AlertCommandReader.read(record("EscalateAlert", json)))
                .isInstanceOf(InvalidAlertCommand.class).message().doesNotContain("Asha");
    }

    @Test
    void refusesIncompleteOrImpossibleRequests() {
        AlertCommand[] invalid = {
                new RecordAlertRepeat(0, 101, 10, "high", AT),
                new RecordAlertRepeat(7, 101, 10, "urgent", AT),
                new RecordAlertRepeat(7, 101, 0, "high", AT),
                new EscalateAlert(7, 101, 0),
                new EscalateAlert(7, 0, 1),
                new RecordNews2Score(101, 10, 21, "high", null, 15),
                new RecordNews2Score(101, 10, -1, "low", null, 720),
                new RecordNews2Score(101, 10, 5, "severe", null, 60),
                new RecordNews2Score(101, 10, 5, "medium", null, 0),
                new RaiseAlert(" ", 101, 1, "FEVER", "medium", "m", AT, 9),
        };
        for (AlertCommand command : invalid) {
            assertThatThrownBy(() -> AlertCommandReader.read(record(command))).as(command.toString())
                    .isInstanceOf(InvalidAlertCommand.class);
        }
    }
}
