package org.hospital.events;

/**
 * A request from the alerting saga to the command side, sent as plain JSON on {@link Topics#ALERT_COMMANDS} with the
 * record's simple class name in the Kafka header {@value #TYPE_HEADER}. Every one is idempotent by its own key.
 */
public sealed interface AlertCommand permits RaiseAlert, RecordAlertRepeat, EscalateAlert, RecordNews2Score {

    String TYPE_HEADER = "command-type";

    long encounterId();
}
