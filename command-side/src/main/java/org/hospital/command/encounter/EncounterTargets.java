package org.hospital.command.encounter;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.hospital.events.RecordNews2Score;
import org.springframework.stereotype.Component;

/**
 * Which encounter a command is for. The alerting saga's NEWS2 scores are records of the published language, which
 * carry no Axon annotation, so their encounter is read from the record; the side's own commands name it with
 * {@code @TargetAggregateIdentifier}.
 */
@Component(EncounterTargets.BEAN)
class EncounterTargets implements CommandTargetResolver {

    static final String BEAN = "encounterTargets";

    private final CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof RecordNews2Score score) {
            return new VersionedAggregateIdentifier(Encounter.aggregateId(score.encounterId()), null);
        }
        return annotated.resolveTarget(command);
    }
}
