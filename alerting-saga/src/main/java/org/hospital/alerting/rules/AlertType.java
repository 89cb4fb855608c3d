package org.hospital.alerting.rules;

/**
 * The alert types and their severities. Threshold types: docs/api.md, Alert rules (the seed's table). NEWS2 types:
 * docs/api.md, Alert rules after RCP NEWS2 2017 chart 3 (aggregate 5-6, aggregate 7 or more, a 3 in a single
 * parameter). OBSERVATIONS_OVERDUE: docs/api.md, Alert rules, monitoring frequency of RCP NEWS2 2017 chart 4.
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
    RESPIRATORY_DISTRESS(Severity.CRITICAL),
    NEWS2_MEDIUM(Severity.HIGH),
    NEWS2_HIGH(Severity.CRITICAL),
    NEWS2_RED_SCORE(Severity.MEDIUM),
    OBSERVATIONS_OVERDUE(Severity.MEDIUM);

    private final Severity severity;

    AlertType(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
