package org.hospital.alerting.saga;

import org.hospital.events.AlertCommand;

/**
 * Delivers the saga's requests to the command side. Returns only once the request is durably handed over; a failure
 * throws, so the saga's event (or deadline) is not marked handled and is retried.
 */
interface AlertCommandSender {

    void send(AlertCommand command);
}
