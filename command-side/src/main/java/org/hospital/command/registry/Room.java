package org.hospital.command.registry;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.command.registry.RegistryCommands.AddRoom;
import org.hospital.events.RoomAdded;

/** A room on a ward; identified in the event store as {@code room-<id>}. Occupancy lives in active_encounter. */
@Aggregate
class Room {

    @AggregateIdentifier
    private String aggregateId;

    Room() {
        // for Axon
    }

    @CommandHandler
    Room(AddRoom command) {
        apply(new RoomAdded(command.roomId(), command.roomNumber(), command.ward()));
    }

    @EventSourcingHandler
    void on(RoomAdded event) {
        aggregateId = "room-" + event.roomId();
    }
}
