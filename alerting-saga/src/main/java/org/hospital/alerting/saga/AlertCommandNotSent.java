package org.hospital.alerting.saga;

import org.hospital.platform.messaging.TransientFailure;

/**
 * The broker did not acknowledge a request to the command side in time. Infrastructure, not a business outcome: the
 * event processor (or the deadline scheduler) retries what caused it, and the event is never parked for it.
 */
class AlertCommandNotSent extends TransientFailure {

    AlertCommandNotSent(String command, Throwable cause) {
        super(command + " was not acknowledged by Kafka", cause);
    }
}
