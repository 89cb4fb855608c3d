package org.hospital.alerting.rules;

/** A rule that a reading breached, with the message clinicians read (the seed's wording). */
public record Breach(AlertType type, String message) {

    public Severity severity() {
        return type.severity();
    }
}
