package org.hospital.alerting.rules;

import java.util.Map;
import java.util.Objects;

/**
 * A rule that was breached, with the message clinicians read (the seed's wording) and the evidence kept with the
 * alert: {@code rule} names the rule and its limit as configured, {@code values} the measurements it looked at (by
 * contract field name), {@code news2} the score behind a NEWS2 alert (null for the other rules).
 */
public record Breach(AlertType type, String message, String rule, Map<String, Double> values, News2Score news2) {

    public Breach {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public Breach(AlertType type, String message, String rule, Map<String, Double> values) {
        this(type, message, rule, values, null);
    }

    public Severity severity() {
        return type.severity();
    }
}
