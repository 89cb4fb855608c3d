package org.hospital.command.alert;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.hospital.events.EscalateAlert;
import org.hospital.events.RecordAlertRepeat;
import org.springframework.stereotype.Component;

/**
 * Which alert a command is for. The alerting saga's repeats and escalations are records of the published language,
 * which carry no Axon annotation, so their alert is read from the record; the side's own commands name it with
 * {@code @TargetAggregateIdentifier}.
 */
@Component(AlertTargets.BEAN)
class AlertTargets implements CommandTargetResolver {

    static final String BEAN = "alertTargets";

    private final CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        return switch (command.getPayload()) {
            case RecordAlertRepeat repeat -> new VersionedAggregateIdentifier(Alert.aggregateId(repeat.alertId()), null);
            case EscalateAlert escalate -> new VersionedAggregateIdentifier(Alert.aggregateId(escalate.alertId()), null);
            default -> annotated.resolveTarget(command);
        };
    }
}
