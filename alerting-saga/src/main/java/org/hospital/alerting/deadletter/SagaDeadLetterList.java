package org.hospital.alerting.deadletter;

import java.util.List;

/**
 * The saga's parked events, sequence by sequence and in order within each. {@code total_events} and
 * {@code total_sequences} count everything parked; {@code dead_letters} holds at most the requested limit, and
 * {@code truncated} says whether more are parked.
 */
record SagaDeadLetterList(long totalSequences, long totalEvents, boolean truncated,
                          List<SagaDeadLetterView> deadLetters) {
}
