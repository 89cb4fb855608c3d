package org.hospital.command.alert;

/**
 * A request from the alerting saga that can never succeed, however often it is retried: unknown type, unreadable or
 * incomplete, or naming an alert or encounter that does not exist or does not match. It goes to the dead-letter
 * topic for operators. The message names no patient data.
 */
final class InvalidAlertCommand extends RuntimeException {

    InvalidAlertCommand(String message) {
        super(message);
    }

    InvalidAlertCommand(String message, Throwable cause) {
        super(message, cause);
    }
}
