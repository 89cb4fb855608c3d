package org.hospital.command.alert;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.events.AlertCommand;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the alerting saga's requests ({@link AlertCommand}: raise, repeat, escalate, NEWS2 score) and dispatches
 * each to its aggregate. The offset is committed only after the request's events (or the finding that it changes
 * nothing) are stored; a failure is retried by {@link AlertCommandConsumption}'s error handler, and a request that
 * can never succeed goes to the dead-letter topic, never silently skipped.
 */
@Component
class AlertCommandListener {

    static final String GROUP_ID = "command-side-alert-commands";

    private final CommandGateway commands;

    AlertCommandListener(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * A dead instance's partitions pass to another after a 10 s session instead of Kafka's default 45 s: alerts wait
     * on them. (Set on the listener: a container factory's consumer properties are not passed to its containers.)
     */
    @KafkaListener(id = GROUP_ID, groupId = GROUP_ID, topics = Topics.ALERT_COMMANDS,
            containerFactory = AlertCommandConsumption.CONTAINER_FACTORY,
            properties = {"session.timeout.ms=10000", "heartbeat.interval.ms=3000"})
    void on(ConsumerRecord<String, byte[]> record) {
        AlertCommand command = AlertCommandReader.read(record);
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            // Alerts and encounters exist before the saga can name them (it learns their ids from their events),
            // so an unknown one is a defect, not a delay: retrying would only block the partition.
            throw new InvalidAlertCommand(command.getClass().getSimpleName() + " names an unknown "
                    + (command instanceof RecordNews2Score ? "encounter" : "alert"), e);
        }
    }
}
