package org.hospital.command.encounter;

import java.util.List;

/**
 * The readings stored so far, by natural key (encounter, timestamp, source) and by the sender's idempotency key.
 * Written in the transaction of the reading's event: if the event is not stored, neither is its key.
 */
interface VitalsDedup {

    /** A reading stored earlier, and the digest of what it measured. */
    record Earlier(long readingId, String contentHash) {
    }

    /** Readings stored earlier under this reading's natural key or its idempotency key (at most one per key). */
    List<Earlier> earlier(RecordVitals reading);

    /**
     * Claims both keys for this reading; false when another reading holds one of them (perhaps committed by a
     * concurrent request a moment ago: the claim waits for it).
     */
    boolean tryClaim(RecordVitals reading, String contentHash);
}
