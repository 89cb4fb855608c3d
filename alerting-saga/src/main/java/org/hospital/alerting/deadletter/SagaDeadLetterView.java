package org.hospital.alerting.deadletter;

import java.time.Instant;

/**
 * One parked event of the saga, with the fields of the query side's list of the projections' parked events, so an
 * admin reads both lists alike. {@code sequence} is the encounter id; {@code position} the event's place in the event
 * store when it carried one; {@code cause_*} and {@code attempts} are set on the event that failed, not on those
 * parked behind it. {@code enqueued_at} is when the event was parked, {@code last_touched} its last failure (or when
 * it was parked), {@code retry_requested_at} when an admin asked for its retry (null until then, and again after a
 * retry that failed).
 */
record SagaDeadLetterView(String processingGroup, String sequence, long indexInSequence, String eventType,
                          String eventId, Long position, String causeType, String causeMessage, Instant enqueuedAt,
                          Instant lastTouched, long attempts, Instant retryRequestedAt) {
}
