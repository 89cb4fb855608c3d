package org.hospital.alerting.saga;

/**
 * The broker did not acknowledge a request to the command side in time. Infrastructure, not a business outcome: the
 * event processor (or the deadline scheduler) retries what caused it.
 */
class AlertCommandNotSent extends RuntimeException {

    AlertCommandNotSent(String command, Throwable cause) {
        super(command + " was not acknowledged by Kafka", cause);
    }
}
