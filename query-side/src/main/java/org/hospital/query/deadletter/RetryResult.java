package org.hospital.query.deadletter;

/**
 * What a retry did, before answering: {@code processed} events were handled and left the queue;
 * {@code sequences_failed} sequences failed again on their first remaining event and stay parked from it on;
 * {@code still_parked} events remain in the queue of the processing groups retried (including any parked meanwhile).
 */
record RetryResult(int sequencesRetried, int sequencesCleared, int sequencesFailed, long processed,
                   long stillParked) {
}
