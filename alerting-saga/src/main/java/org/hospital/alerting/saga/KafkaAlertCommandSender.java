package org.hospital.alerting.saga;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hospital.alerting.AlertingSettings;
import org.hospital.events.RaiseAlert;
import org.hospital.events.Topics;
import org.hospital.platform.messaging.PlainJson;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends {@link RaiseAlert} as plain JSON to {@link Topics#ALERT_COMMANDS}, keyed by encounter id so that one
 * encounter's requests stay in order, and waits for the broker's acknowledgement (acks=all, idempotent producer,
 * from the platform's properties). Waiting keeps the saga honest: its state and the processor's token are committed
 * only after the request is safely on the topic.
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
    public void send(RaiseAlert command) {
        try {
            kafka.send(Topics.ALERT_COMMANDS, String.valueOf(command.encounterId()), PlainJson.write(command))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertCommandNotSent(command.alertKey(), e);
        } catch (ExecutionException e) {
            throw new AlertCommandNotSent(command.alertKey(), e.getCause());
        } catch (TimeoutException | KafkaException | org.apache.kafka.common.KafkaException e) {
            // KafkaException: the producer gave up before handing out a future (no metadata within max.block.ms).
            throw new AlertCommandNotSent(command.alertKey(), e);
        }
    }
}
