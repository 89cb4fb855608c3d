package org.hospital.command.registry;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.command.registry.RegistryCommands.RegisterDoctor;
import org.hospital.events.DoctorRegistered;

/** A doctor in the register; identified in the event store as {@code doctor-<id>}. */
@Aggregate
class Doctor {

    @AggregateIdentifier
    private String aggregateId;

    Doctor() {
        // for Axon
    }

    @CommandHandler
    Doctor(RegisterDoctor command) {
        apply(new DoctorRegistered(command.doctorId(), command.name(), command.userId()));
    }

    @EventSourcingHandler
    void on(DoctorRegistered event) {
        aggregateId = "doctor-" + event.doctorId();
    }
}
