package org.hospital.command.alert;

import org.hospital.events.RaiseAlert;

/** A request the command side cannot act on, whatever the retries: it goes to the dead-letter topic. */
final class RaiseAlertValidation {

    private RaiseAlertValidation() {
    }

    static void check(RaiseAlert request) {
        if (request.alertKey() == null || request.alertKey().isBlank() || request.alertKey().length() > 200
                || request.encounterId() <= 0 || request.patientId() <= 0 || request.type() == null
                || request.severity() == null || request.message() == null || request.timestamp() == null) {
            throw new InvalidRaiseAlert();
        }
    }

    /** The request is incomplete; retrying cannot help. */
    static final class InvalidRaiseAlert extends RuntimeException {

        InvalidRaiseAlert() {
            super("RaiseAlert request is incomplete");
        }
    }
}
