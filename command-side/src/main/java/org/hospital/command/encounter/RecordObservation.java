package org.hospital.command.encounter;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A clinician writes a note on an active encounter. {@code observationId} was taken from its sequence;
 * {@code authorId} is the author's user account id (unique across doctors and nurses, and what the audit metadata
 * names as the actor).
 */
public record RecordObservation(long observationId, long encounterId, long authorId, String note, Instant at) {

    @TargetAggregateIdentifier
    String aggregateId() {
        return Encounter.aggregateId(encounterId);
    }
}
