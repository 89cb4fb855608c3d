package org.hospital.alerting.saga;

/**
 * The broker did not acknowledge an alert request in time. Infrastructure, not a business outcome: the event
 * processor retries the event that caused it.
 */
class AlertCommandNotSent extends RuntimeException {

    AlertCommandNotSent(String alertKey, Throwable cause) {
        super("Alert request " + alertKey + " was not acknowledged by Kafka", cause);
    }
}
