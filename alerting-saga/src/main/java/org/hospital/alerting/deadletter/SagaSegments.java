package org.hospital.alerting.deadletter;

import java.util.List;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AssociationValue;

/**
 * Which segment of the saga's processor handles an encounter, decided as Axon's saga manager decides it. Every
 * segment reads every event; a saga is handled by the segment its identifier falls into, and a saga is created by the
 * segment its association value ({@code encounterId}) falls into, with an identifier chosen to fall into that same
 * segment. Only that segment may park an encounter's events: the others never hand them to the saga, and parking
 * from two threads that read the topic at different paces could change the encounter's order.
 */
final class SagaSegments {

    /** The association of the alerting saga ({@code EncounterAlertingSaga}): its encounter id. */
    static final String ASSOCIATION_KEY = "encounterId";

    private SagaSegments() {
    }

    /** Whether {@code segment} handles the sequence's saga (given its saga identifiers, none before it exists). */
    static boolean owns(Segment segment, String sequence, List<String> sagaIds) {
        if (segment.getMask() == 0) {
            return true;
        }
        if (!sagaIds.isEmpty()) {
            return sagaIds.stream().anyMatch(segment::matches);
        }
        return segment.matches(new AssociationValue(ASSOCIATION_KEY, sequence));
    }

    /** Of the processor's segments, the one that would create the sequence's saga; the root one if none does. */
    static Segment creating(String sequence, int[] segmentIds) {
        AssociationValue association = new AssociationValue(ASSOCIATION_KEY, sequence);
        for (Segment segment : Segment.computeSegments(segmentIds)) {
            if (segment.matches(association)) {
                return segment;
            }
        }
        return Segment.ROOT_SEGMENT;
    }
}
