package org.hospital.alerting.saga;

/**
 * A deadline fell due while the saga's processor was still behind the topic. Thrown so that the deadline scheduler
 * retries it later instead of judging from incomplete state.
 */
class ProcessingBehind extends RuntimeException {

    ProcessingBehind(String deadline) {
        super("Deadline " + deadline + " postponed: the alerting processor is catching up");
    }
}
