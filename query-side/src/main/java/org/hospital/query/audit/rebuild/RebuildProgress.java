package org.hospital.query.audit.rebuild;

import java.time.Instant;

/**
 * Where a rebuild stands. {@code state} is idle, running, done or failed. {@code eventsTotal} is what the topic
 * held when the replay began (events arriving later are processed as usual); the rate is events per second since
 * the start; {@code estimatedSecondsRemaining} is null until a rate is known. {@code processorError} is true while
 * the processor retries an event that failed (it never skips one).
 */
record RebuildProgress(String state, Instant startedAt, Instant finishedAt, long eventsDone, long eventsTotal,
                       Double eventsPerSecond, Long estimatedSecondsRemaining, boolean processorError,
                       String error) {

    static final String IDLE = "idle";
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";

    static RebuildProgress idle() {
        return new RebuildProgress(IDLE, null, null, 0, 0, null, null, false, null);
    }

    boolean running() {
        return RUNNING.equals(state);
    }
}
