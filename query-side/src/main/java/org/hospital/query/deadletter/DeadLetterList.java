package org.hospital.query.deadletter;

import java.util.List;

/**
 * The parked events, sequence by sequence and in order within each. {@code total_events} and
 * {@code total_sequences} count everything parked; {@code dead_letters} holds at most the requested limit.
 */
record DeadLetterList(long totalSequences, long totalEvents, boolean truncated, List<DeadLetterView> deadLetters) {
}
