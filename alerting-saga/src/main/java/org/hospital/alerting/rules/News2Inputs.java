package org.hospital.alerting.rules;

/**
 * The parameters NEWS2 is scored on (RCP 2017, chart 1), each the latest fresh value or null when there is none.
 * {@code consciousness} is one letter of ACVPU; {@code spo2Scale} is 1, or 2 when a clinician chose scale 2 for
 * hypercapnic respiratory failure.
 */
public record News2Inputs(Integer respRate, Integer spo2Pct, Boolean onOxygen, Integer bpSystolic, Integer hrBpm,
                          String consciousness, Double tempC, int spo2Scale) {

    public News2Inputs {
        if (spo2Scale != 1 && spo2Scale != 2) {
            throw new IllegalArgumentException("SpO2 scale must be 1 or 2");
        }
    }
}
