package org.hospital.query.deadletter;

import java.time.Instant;

/**
 * One parked event. {@code sequence} is the encounter id for encounter events (the processor's sequencing policy);
 * {@code position} the event's place in the event store when it carried one; {@code cause_type} and
 * {@code cause_message} are set on the event that failed, not on those parked behind it; {@code attempts} counts the
 * failed attempts to process the failed event (0 for those parked behind it). The alerting saga's parked events have a
 * view of their own on the alerting side, with the retry mark its retry needs (the projections are retried at once).
 */
record DeadLetterView(String processingGroup, String sequence, long indexInSequence, String eventType, String eventId,
                   Long position, String causeType, String causeMessage, Instant enqueuedAt, Instant lastTouched,
                   long attempts) {
}
