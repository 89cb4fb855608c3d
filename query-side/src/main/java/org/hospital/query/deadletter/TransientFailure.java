package org.hospital.query.deadletter;

/**
 * A failure that says nothing about the event (the database unreachable, a deadlock, a connection lost): the event is
 * not parked, the processor's batch fails and is retried with back-off.
 */
final class TransientFailure extends RuntimeException {

    TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
