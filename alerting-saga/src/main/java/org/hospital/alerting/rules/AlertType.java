package org.hospital.alerting.rules;

/**
 * The alert types of the threshold rules and their severities, as in CONTRACT §6 (the seed's table). The NEWS2
 * types (RCP NEWS2 2017) join this list with the next issue.
 */
public enum AlertType {
    TACHYCARDIA(Severity.HIGH),
    BRADYCARDIA(Severity.HIGH),
    HYPOXIA(Severity.HIGH),
    FEVER(Severity.MEDIUM),
    HYPERTENSION(Severity.HIGH),
    HYPOTENSION(Severity.HIGH),
    TACHYPNEA(Severity.MEDIUM),
    BRADYPNEA(Severity.HIGH),
    SEPSIS_RISK(Severity.CRITICAL),
    RESPIRATORY_DISTRESS(Severity.CRITICAL);

    private final Severity severity;

    AlertType(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
