package org.hospital.alerting.rules;

import java.util.Arrays;
import java.util.Optional;

/** The measured parameters of a reading, named as in the contract's JSON so that device flags can name them. */
public enum Measurement {
    HR_BPM("hr_bpm"),
    SPO2_PCT("spo2_pct"),
    TEMP_C("temp_c"),
    BP_SYSTOLIC("bp_systolic"),
    BP_DIASTOLIC("bp_diastolic"),
    RESP_RATE("resp_rate");

    private final String fieldName;

    Measurement(String fieldName) {
        this.fieldName = fieldName;
    }

    /** The JSON field of docs/api.md, Readings ({@code "spo2_pct"}). */
    public String fieldName() {
        return fieldName;
    }

    /** The measurement a contract field names; {@code resp_rate_bpm} is the contract's alias of {@code resp_rate}. */
    public static Optional<Measurement> ofFieldName(String name) {
        if ("resp_rate_bpm".equals(name)) {
            return Optional.of(RESP_RATE);
        }
        return Arrays.stream(values()).filter(m -> m.fieldName.equals(name)).findFirst();
    }
}
