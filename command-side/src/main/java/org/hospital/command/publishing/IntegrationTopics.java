package org.hospital.command.publishing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.command.alert.AlertSummaries;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertNotification;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertResolved;
import org.hospital.events.Topics;
import org.hospital.events.VitalsRecorded;
import org.hospital.events.VitalsStreamRecord;
import org.hospital.platform.messaging.PlainJson;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Writes the plain-JSON contract records (CONTRACT §5) for consumers that do not speak Axon. Sends of one batch go
 * out together and are awaited before the unit of work commits the processor's token: a failed or unacknowledged
 * send throws, the batch is retried, and no record is lost (a retry may repeat a record; consumers key by id).
 */
@Component
@ProcessingGroup(CommandSideConfiguration.INTEGRATION_TOPICS)
class IntegrationTopics {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final String PENDING_SENDS = IntegrationTopics.class.getName() + ".pendingSends";

    private final KafkaTemplate<String, byte[]> kafka;
    private final AlertSummaries alertSummaries;

    IntegrationTopics(KafkaTemplate<String, byte[]> kafka, AlertSummaries alertSummaries) {
        this.kafka = kafka;
        this.alertSummaries = alertSummaries;
    }

    @EventHandler
    void on(VitalsRecorded event) {
        send(Topics.VITALS_STREAM, event.encounterId(), VitalsStreamRecord.of(event));
    }

    @EventHandler
    void on(AlertRaised event) {
        send(Topics.ALERTS, event.encounterId(), new AlertNotification(event.alertId(), event.type(),
                event.severity(), event.message(), event.patientId(), event.encounterId(), event.timestamp(), "open"));
    }

    @EventHandler
    void on(AlertAcknowledged event) {
        sendStatus(event.alertId(), "acknowledged");
    }

    @EventHandler
    void on(AlertResolved event) {
        sendStatus(event.alertId(), "resolved");
    }

    private void sendStatus(long alertId, String status) {
        var summary = alertSummaries.find(alertId)
                .orElseThrow(() -> new IllegalStateException("No summary for alert " + alertId));
        send(Topics.ALERTS, summary.encounterId(), new AlertNotification(alertId, summary.type(), summary.severity(),
                summary.message(), summary.patientId(), summary.encounterId(), summary.timestamp(), status));
    }

    private void send(String topic, long encounterId, Object record) {
        CompletableFuture<SendResult<String, byte[]>> future =
                kafka.send(topic, String.valueOf(encounterId), PlainJson.write(record));
        if (CurrentUnitOfWork.isStarted()) {
            pendingSends(CurrentUnitOfWork.get()).add(future);
        } else {
            await(List.of(future));
        }
    }

    /** One list per unit of work (a batch), awaited when the batch prepares to commit its token. */
    private static List<CompletableFuture<?>> pendingSends(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            root.onPrepareCommit(u -> await(sends));
            return sends;
        });
    }

    private static void await(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationPublishingFailed(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IntegrationPublishingFailed(e);
        }
    }

    /** Kafka did not acknowledge a contract record; the processor retries the batch. */
    static final class IntegrationPublishingFailed extends RuntimeException {

        IntegrationPublishingFailed(Throwable cause) {
            super("Kafka did not acknowledge a contract record", cause);
        }
    }
}
