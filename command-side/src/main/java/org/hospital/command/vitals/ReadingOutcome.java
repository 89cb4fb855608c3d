package org.hospital.command.vitals;

import org.hospital.platform.error.ErrorCode;

/** What became of one reading: stored now, stored before (a retry: the original id), or refused and why. */
public sealed interface ReadingOutcome {

    /** Stored by this request. */
    record Stored(long readingId) implements ReadingOutcome {
    }

    /** The same reading was stored before; nothing new was stored or will be evaluated. */
    record Duplicate(long readingId) implements ReadingOutcome {
    }

    /** Not stored; the message is safe to show (it names no patient). */
    record Rejected(ErrorCode code, String message) implements ReadingOutcome {
    }
}
