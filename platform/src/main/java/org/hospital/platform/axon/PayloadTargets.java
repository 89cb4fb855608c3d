package org.hospital.platform.axon;

import java.util.Optional;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Which aggregate a command is for: read from the payload where {@code aggregateIdOf} knows it (records of the
 * published language carry no Axon annotation), otherwise from {@code @TargetAggregateIdentifier}.
 */
public class PayloadTargets implements CommandTargetResolver {

    private final CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();
    private final Function<Object, Optional<String>> aggregateIdOf;

    protected PayloadTargets(Function<Object, Optional<String>> aggregateIdOf) {
        this.aggregateIdOf = aggregateIdOf;
    }

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        return aggregateIdOf.apply(command.getPayload())
                .map(id -> new VersionedAggregateIdentifier(id, null))
                .orElseGet(() -> annotated.resolveTarget(command));
    }
}
