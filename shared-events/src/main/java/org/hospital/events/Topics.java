package org.hospital.events;

/** Kafka topic names that are part of the contract (docs/api.md, Kafka topics). */
public final class Topics {

    /** Every domain event in Axon's Kafka format (plain JSON value, type in headers), keyed by encounter id. */
    public static final String DOMAIN_EVENTS = "hospital-events";

    /** Accepted vital-sign readings as plain JSON, keyed by encounter id. */
    public static final String VITALS_STREAM = "vitals_stream";

    /** Alerts and their state changes as plain JSON ({@link AlertNotification}), keyed by encounter id. */
    public static final String ALERTS = "alerts";

    /** Requests from the alerting saga to the command side ({@link AlertCommand}), keyed by encounter id. */
    public static final String ALERT_COMMANDS = "alert-commands";

    private Topics() {
    }
}
