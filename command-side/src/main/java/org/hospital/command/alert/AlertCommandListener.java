package org.hospital.command.alert;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hospital.events.RaiseAlert;
import org.hospital.events.Topics;
import org.hospital.platform.messaging.PlainJson;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the alerting saga's {@link RaiseAlert} requests. The offset is committed only after the alert (or the
 * finding that it is a duplicate) is stored; a failure is retried by {@link AlertCommandConsumption}'s error handler.
 */
@Component
class AlertCommandListener {

    static final String GROUP_ID = "command-side-alert-commands";

    private final CommandGateway commands;

    AlertCommandListener(CommandGateway commands) {
        this.commands = commands;
    }

    @KafkaListener(id = GROUP_ID, groupId = GROUP_ID, topics = Topics.ALERT_COMMANDS,
            containerFactory = AlertCommandConsumption.CONTAINER_FACTORY)
    void on(ConsumerRecord<String, byte[]> record) {
        RaiseAlert request = PlainJson.read(record.value(), RaiseAlert.class);
        RaiseAlertValidation.check(request);
        commands.sendAndWait(request);
    }
}
