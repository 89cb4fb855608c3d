package org.hospital.query.deadletter;

/**
 * What a retry did: {@code processed} events were handled and left the queue; {@code sequences_failed} sequences
 * failed again on their first remaining event and stay parked from it on; {@code still_parked} events remain in the
 * queue of the processing groups retried (including any parked meanwhile, and the alerting saga's just marked).
 * {@code sequences_requested} counts the alerting saga's sequences marked for a retry, which the alerting side
 * performs on its own shortly after; the other counts are the projections' retry, done before answering.
 */
record RetryResult(int sequencesRetried, int sequencesCleared, int sequencesFailed, long processed,
                   long stillParked, int sequencesRequested) {
}
