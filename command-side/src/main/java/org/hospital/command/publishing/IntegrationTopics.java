package org.hospital.command.publishing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
import org.hospital.platform.messaging.PlainJson;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the plain-JSON contract records (docs/api.md, Kafka topics) for consumers that do not speak Axon: every
 * reading, and every change of an alert (raised, repeated, escalated, acknowledged, resolved) with the alert's status,
 * severity, occurrences and escalation level as they were after that change. Sends of one batch go out together and are
 * awaited before the unit of work commits the processor's token ({@link BatchSends}).
 * <p>
 * Each event is published once even when the processor handles it again after a failure or a crash: a record
 * names its partition explicitly (the producer's own choice for the key, computed here) and carries the processor's
 * event's identifier and position, and an event whose record is already on its partition is skipped
 * ({@link PublishedEvents}).
 */
@Component
@ProcessingGroup(CommandSideConfiguration.INTEGRATION_TOPICS)
class IntegrationTopics {

    static final List<String> TOPICS = List.of(Topics.VITALS_STREAM, Topics.ALERTS);
    private static final String BATCH_OUTCOME = IntegrationTopics.class.getName() + ".batchOutcome";

    private final KafkaTemplate<String, byte[]> kafka;
    private final AlertSummaries alertSummaries;
    private final PublishedEvents publishedEvents;

    IntegrationTopics(KafkaTemplate<String, byte[]> kafka, AlertSummaries alertSummaries,
                      PublishedEvents publishedEvents) {
        this.kafka = kafka;
        this.alertSummaries = alertSummaries;
        this.publishedEvents = publishedEvents;
    }

    @EventHandler
    void on(VitalsRecorded event, EventMessage<?> message, TrackingToken position) {
        send(Topics.VITALS_STREAM, event.encounterId(), message, position, () -> VitalsStreamRecord.of(event));
    }

    @EventHandler
    void on(AlertRaised event, @SequenceNumber long sequenceNumber, EventMessage<?> message, TrackingToken position) {
        sendAlert(event.encounterId(), event.alertId(), sequenceNumber, message, position, "raised");
    }

    @EventHandler
    void on(AlertRepeated event, @SequenceNumber long sequenceNumber, EventMessage<?> message, TrackingToken position) {
        sendAlert(event.encounterId(), event.alertId(), sequenceNumber, message, position, "repeated");
    }

    @EventHandler
    void on(AlertEscalated event, @SequenceNumber long sequenceNumber, EventMessage<?> message, TrackingToken position) {
        sendAlert(event.encounterId(), event.alertId(), sequenceNumber, message, position, "escalated");
    }

    @EventHandler
    void on(AlertAcknowledged event, @SequenceNumber long sequenceNumber, EventMessage<?> message, TrackingToken position) {
        sendAlert(event.encounterId(), event.alertId(), sequenceNumber, message, position, "acknowledged");
    }

    @EventHandler
    void on(AlertResolved event, @SequenceNumber long sequenceNumber, EventMessage<?> message, TrackingToken position) {
        sendAlert(event.encounterId(), event.alertId(), sequenceNumber, message, position, "resolved");
    }

    /** The alert as it was right after this event (this processor may be behind the alert's later changes). */
    private void sendAlert(long encounterId, long alertId, long sequenceNumber, EventMessage<?> message,
                           TrackingToken position, String change) {
        send(Topics.ALERTS, encounterId, message, position, () -> {
            Summary alert = alertSummaries.asOf(alertId, sequenceNumber)
                    .orElseThrow(() -> new IllegalStateException("No events for alert " + alertId));
            return new AlertNotification(alertId, alert.type(), alert.severity(), alert.message(), alert.patientId(),
                    alert.encounterId(), alert.timestamp(), alert.status(), change, alert.occurrences(),
                    alert.escalationLevel());
        });
    }

    private void send(String topic, long encounterId, EventMessage<?> message, TrackingToken position,
                      Supplier<Object> record) {
        String key = String.valueOf(encounterId);
        TopicPartition partition = new TopicPartition(topic, partitionOf(topic, key));
        Optional<GapAwareTrackingToken> at = WrappedToken.unwrap(position, GapAwareTrackingToken.class);
        if (at.isPresent() && publishedEvents.isPublished(partition, message.getIdentifier())) {
            return;
        }
        followBatchOutcome();
        ProducerRecord<String, byte[]> producerRecord = new ProducerRecord<>(topic, partition.partition(), key,
                PlainJson.write(record.get()));
        at.ifPresent(token -> {
            producerRecord.headers().add(PublishedEvents.EVENT_HEADER,
                    message.getIdentifier().getBytes(StandardCharsets.UTF_8));
            producerRecord.headers().add(PublishedEvents.POSITION_HEADER, PublishedEvents.encode(token));
        });
        BatchSends.send(kafka, producerRecord);
    }

    /** The partition Kafka's default partitioner gives the key, named explicitly so that the check above holds. */
    private int partitionOf(String topic, String key) {
        int partitions = kafka.partitionsFor(topic).size();
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * A batch that rolls back may have written some of its records, or not: the topics are read again. One that
     * commits has its position stored past everything it sent.
     */
    private void followBatchOutcome() {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            root.getOrComputeResource(BATCH_OUTCOME, key -> {
                root.onRollback(u -> publishedEvents.forget());
                root.afterCommit(u -> publishedEvents.committed());
                return Boolean.TRUE;
            });
        }
    }
}
