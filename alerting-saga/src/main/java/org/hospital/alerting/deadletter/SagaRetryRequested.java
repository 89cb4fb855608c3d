package org.hospital.alerting.deadletter;

/**
 * What a retry request did: {@code sequences_requested} sequences (encounters) were marked for {@link SagaRetry},
 * which handles them within its poll interval, after the answer; {@code still_parked} counts the saga's parked events
 * at the time of the answer, the ones just marked included.
 */
record SagaRetryRequested(int sequencesRequested, long stillParked) {
}
