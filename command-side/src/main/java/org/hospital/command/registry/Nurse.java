package org.hospital.command.registry;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.command.registry.RegistryCommands.RegisterNurse;
import org.hospital.events.NurseRegistered;

/** A nurse in the register, on one ward; identified in the event store as {@code nurse-<id>}. */
@Aggregate
class Nurse {

    @AggregateIdentifier
    private String aggregateId;

    Nurse() {
        // for Axon
    }

    @CommandHandler
    Nurse(RegisterNurse command) {
        apply(new NurseRegistered(command.nurseId(), command.name(), command.ward(), command.userId()));
    }

    @EventSourcingHandler
    void on(NurseRegistered event) {
        aggregateId = "nurse-" + event.nurseId();
    }
}
