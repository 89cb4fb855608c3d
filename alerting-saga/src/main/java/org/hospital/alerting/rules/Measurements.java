package org.hospital.alerting.rules;

import java.util.Set;

/**
 * The values of one reading that the rules may look at; {@code null} means not measured or not trustworthy (see
 * {@link DeviceFlags}).
 */
public record Measurements(Integer hrBpm, Integer spo2Pct, Double tempC, Integer bpSystolic, Integer bpDiastolic,
                           Integer respRate) {

    /** The same reading with the given measurements removed, so that no rule, single or combined, sees them. */
    public Measurements without(Set<Measurement> excluded) {
        return new Measurements(
                excluded.contains(Measurement.HR_BPM) ? null : hrBpm,
                excluded.contains(Measurement.SPO2_PCT) ? null : spo2Pct,
                excluded.contains(Measurement.TEMP_C) ? null : tempC,
                excluded.contains(Measurement.BP_SYSTOLIC) ? null : bpSystolic,
                excluded.contains(Measurement.BP_DIASTOLIC) ? null : bpDiastolic,
                excluded.contains(Measurement.RESP_RATE) ? null : respRate);
    }

    /** The value of one measurement as a number, for the evidence kept with an alert; null when absent. */
    public Double valueOf(Measurement measurement) {
        Number value = switch (measurement) {
            case HR_BPM -> hrBpm;
            case SPO2_PCT -> spo2Pct;
            case TEMP_C -> tempC;
            case BP_SYSTOLIC -> bpSystolic;
            case BP_DIASTOLIC -> bpDiastolic;
            case RESP_RATE -> respRate;
        };
        return value == null ? null : value.doubleValue();
    }
}
