package org.hospital.alerting.saga;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hospital.alerting.AlertingSettings;
import org.hospital.events.AlertCommand;
import org.hospital.events.RaiseAlert;
import org.hospital.events.Topics;
import org.hospital.platform.messaging.BeforeCommit;
import org.hospital.platform.messaging.PlainJson;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends every {@link AlertCommand} as plain JSON to {@link Topics#ALERT_COMMANDS}, keyed by encounter id so that one
 * encounter's requests stay in order, with the record's simple class name in the header
 * {@value AlertCommand#TYPE_HEADER} (acks=all, idempotent producer, from the platform's properties).
 * <p>
 * A request is handed to the producer at once; the broker's acknowledgements of all the requests of one transaction
 * (a processor batch, a deadline) are awaited together right before it commits. That keeps the saga honest, its state
 * and the processor's position are committed only once every request is safely on the topic, without a round trip
 * to the broker per request.
 */
@Component
class KafkaAlertCommandSender implements AlertCommandSender {

    /** After the saga states are written: a batch that must be retried fails before waiting on the broker. */
    private static final int AWAIT_ORDER = EncounterSagaStore.FLUSH_ORDER + 1;

    private final KafkaTemplate<String, byte[]> kafka;
    private final long timeoutMillis;
    private final Object resourceKey = new Object();

    KafkaAlertCommandSender(KafkaTemplate<String, byte[]> kafka, AlertingSettings settings) {
        this.kafka = kafka;
        this.timeoutMillis = settings.commandSendTimeout().toMillis();
    }

    @Override
    public void send(AlertCommand command) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ALERT_COMMANDS,
                String.valueOf(command.encounterId()), PlainJson.write(command));
        record.headers().add(AlertCommand.TYPE_HEADER,
                command.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        Sent sent;
        try {
            sent = new Sent(describe(command), kafka.send(record));
        } catch (KafkaException | org.apache.kafka.common.KafkaException e) {
            // The producer gave up before handing out a future (no metadata within max.block.ms).
            throw new AlertCommandNotSent(describe(command), e);
        }
        BeforeCommit.collection(resourceKey, AWAIT_ORDER, ArrayList<Sent>::new, this::awaitAll)
                .ifPresentOrElse(pending -> pending.add(sent), () -> awaitAll(List.of(sent)));
    }

    private void awaitAll(List<Sent> pending) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Sent sent : pending) {
            try {
                sent.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlertCommandNotSent(sent.description(), e);
            } catch (ExecutionException e) {
                throw new AlertCommandNotSent(sent.description(), e.getCause());
            } catch (TimeoutException e) {
                throw new AlertCommandNotSent(sent.description(), e);
            }
        }
    }

    private record Sent(String description, CompletableFuture<SendResult<String, byte[]>> result) {
    }

    /** Names the request without patient data: type and key or encounter. */
    private static String describe(AlertCommand command) {
        String type = command.getClass().getSimpleName();
        return command instanceof RaiseAlert raise
                ? type + " " + raise.alertKey()
                : type + " for encounter " + command.encounterId();
    }
}
