package org.hospital.alerting.saga;

/**
 * Whether the saga has read everything there is to read. A deadline judges absence ("no reading", "no
 * acknowledgement"), which is only true once the events that would contradict it have been processed: while the
 * processor is behind, a due deadline waits.
 */
interface ProcessingProgress {

    boolean isCaughtUp();
}
