package org.hospital.alerting.saga;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hospital.alerting.AlertingSettings;
import org.hospital.events.AlertCommand;
import org.hospital.events.RaiseAlert;
import org.hospital.events.Topics;
import org.hospital.platform.messaging.PlainJson;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends every {@link AlertCommand} as plain JSON to {@link Topics#ALERT_COMMANDS}, keyed by encounter id so that one
 * encounter's requests stay in order, with the record's simple class name in the header
 * {@value AlertCommand#TYPE_HEADER}, and waits for the broker's acknowledgement (acks=all, idempotent producer, from
 * the platform's properties). Waiting keeps the saga honest: its state and the processor's token are committed only
 * after the request is safely on the topic.
 */
@Component
class KafkaAlertCommandSender implements AlertCommandSender {

    private final KafkaTemplate<String, byte[]> kafka;
    private final long timeoutMillis;

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
        try {
            kafka.send(record).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertCommandNotSent(describe(command), e);
        } catch (ExecutionException e) {
            throw new AlertCommandNotSent(describe(command), e.getCause());
        } catch (TimeoutException | KafkaException | org.apache.kafka.common.KafkaException e) {
            // KafkaException: the producer gave up before handing out a future (no metadata within max.block.ms).
            throw new AlertCommandNotSent(describe(command), e);
        }
    }

    /** Names the request without patient data: type and key or encounter. */
    private static String describe(AlertCommand command) {
        String type = command.getClass().getSimpleName();
        return command instanceof RaiseAlert raise
                ? type + " " + raise.alertKey()
                : type + " for encounter " + command.encounterId();
    }
}
