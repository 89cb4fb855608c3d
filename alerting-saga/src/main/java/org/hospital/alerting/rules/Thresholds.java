package org.hospital.alerting.rules;

/**
 * The limits of the threshold rules. A value strictly beyond a limit breaches it: heart rate 130 is no tachycardia, 131
 * is. {@link #contract()} holds the defaults of docs/api.md, Alert rules (the seed's table).
 */
public record Thresholds(int tachycardiaHrAbove, int bradycardiaHrBelow, int hypoxiaSpo2Below, double feverTempAbove,
                         int hypertensionSystolicAbove, int hypertensionDiastolicAbove, int hypotensionSystolicBelow,
                         int tachypneaRespRateAbove, int bradypneaRespRateBelow, double sepsisTempAbove,
                         int sepsisHrAbove, int sepsisRespRateAbove, int respiratoryDistressSpo2Below,
                         int respiratoryDistressRespRateAbove) {

    /** docs/api.md, Alert rules, from the seed's rule table. */
    public static Thresholds contract() {
        return new Thresholds(130, 50, 90, 38.5, 180, 110, 90, 24, 8, 38.5, 100, 20, 92, 24);
    }
}
