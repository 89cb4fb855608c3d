package org.hospital.platform.messaging;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.hospital.events.EncounterEvent;

/**
 * Everything that happens to one encounter (admission, readings, alerts, notes) is one sequence: the Kafka record
 * key and the unit of ordering for event processors. Other events fall back to their aggregate.
 */
public final class EncounterSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    public static final EncounterSequencingPolicy INSTANCE = new EncounterSequencingPolicy();

    private EncounterSequencingPolicy() {
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof EncounterEvent encounterEvent) {
            return String.valueOf(encounterEvent.encounterId());
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
