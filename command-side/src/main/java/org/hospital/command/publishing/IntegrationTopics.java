package org.hospital.command.publishing;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.command.alert.AlertSummaries;
import org.hospital.command.alert.AlertSummaries.Summary;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertNotification;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.events.Topics;
import org.hospital.events.VitalsRecorded;
import org.hospital.events.VitalsStreamRecord;
import org.hospital.platform.messaging.KafkaSettings;
import org.hospital.platform.messaging.PlainJson;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the plain-JSON contract records (CONTRACT §5) for consumers that do not speak Axon: every reading, and every
 * change of an alert (raised, repeated, escalated, acknowledged, resolved) with the alert's status, severity,
 * occurrences and escalation level as they were after that change. Sends of one batch go
 * out together and are awaited before the unit of work commits the processor's token ({@link BatchSends}).
 */
@Component
@ProcessingGroup(CommandSideConfiguration.INTEGRATION_TOPICS)
class IntegrationTopics {

    private final KafkaTemplate<String, byte[]> kafka;
    private final AlertSummaries alertSummaries;
    private final boolean awaitEachRecord;

    IntegrationTopics(KafkaTemplate<String, byte[]> kafka, AlertSummaries alertSummaries, KafkaSettings settings) {
        this.kafka = kafka;
        this.alertSummaries = alertSummaries;
        this.awaitEachRecord = settings.awaitEachRecord();
    }

    @EventHandler
    void on(VitalsRecorded event) {
        send(Topics.VITALS_STREAM, event.encounterId(), VitalsStreamRecord.of(event));
    }

    @EventHandler
    void on(AlertRaised event, @SequenceNumber long sequenceNumber) {
        sendAlert(event.alertId(), sequenceNumber, "raised");
    }

    @EventHandler
    void on(AlertRepeated event, @SequenceNumber long sequenceNumber) {
        sendAlert(event.alertId(), sequenceNumber, "repeated");
    }

    @EventHandler
    void on(AlertEscalated event, @SequenceNumber long sequenceNumber) {
        sendAlert(event.alertId(), sequenceNumber, "escalated");
    }

    @EventHandler
    void on(AlertAcknowledged event, @SequenceNumber long sequenceNumber) {
        sendAlert(event.alertId(), sequenceNumber, "acknowledged");
    }

    @EventHandler
    void on(AlertResolved event, @SequenceNumber long sequenceNumber) {
        sendAlert(event.alertId(), sequenceNumber, "resolved");
    }

    /** The alert as it was right after this event (this processor may be behind the alert's later changes). */
    private void sendAlert(long alertId, long sequenceNumber, String change) {
        Summary alert = alertSummaries.asOf(alertId, sequenceNumber)
                .orElseThrow(() -> new IllegalStateException("No events for alert " + alertId));
        send(Topics.ALERTS, alert.encounterId(), new AlertNotification(alertId, alert.type(), alert.severity(),
                alert.message(), alert.patientId(), alert.encounterId(), alert.timestamp(), alert.status(), change,
                alert.occurrences(), alert.escalationLevel()));
    }

    private void send(String topic, long encounterId, Object record) {
        BatchSends.send(kafka, new ProducerRecord<>(topic, String.valueOf(encounterId), PlainJson.write(record)),
                awaitEachRecord);
    }
}
