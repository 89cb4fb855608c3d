package org.hospital.command.registry;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.command.registry.RegistryCommands.RegisterPatient;
import org.hospital.events.PatientRegistered;

/** A patient in the register; identified in the event store as {@code patient-<id>}. */
@Aggregate
class Patient {

    @AggregateIdentifier
    private String aggregateId;

    Patient() {
        // for Axon
    }

    @CommandHandler
    Patient(RegisterPatient command) {
        apply(new PatientRegistered(command.patientId(), command.name(), command.dateOfBirth(), command.gender()));
    }

    @EventSourcingHandler
    void on(PatientRegistered event) {
        aggregateId = "patient-" + event.patientId();
    }
}
