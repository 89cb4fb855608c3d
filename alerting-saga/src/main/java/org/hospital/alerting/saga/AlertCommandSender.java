package org.hospital.alerting.saga;

import org.hospital.events.RaiseAlert;

/**
 * Delivers the saga's alert requests to the command side. Returns only once the request is durably handed over;
 * a failure throws, so the saga's event is not marked handled and is retried.
 */
interface AlertCommandSender {

    void send(RaiseAlert command);
}
