package org.hospital.alerting.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The ten threshold rules of docs/api.md, Alert rules. Source of every rule, its condition and its severity: the
 * contract's table, taken from the seed system; messages follow the seed's wording. Limits come from
 * {@link Thresholds}. A rule whose measurements are absent (not measured, or excluded by a device flag) does not fire.
 */
public final class ThresholdRules {

    private final List<Rule> rules;

    public ThresholdRules(Thresholds limits) {
        Objects.requireNonNull(limits, "limits");
        this.rules = List.of(
                // Seed table: TACHYCARDIA, hr_bpm > 130, high.
                rule(m -> m.hrBpm() != null && m.hrBpm() > limits.tachycardiaHrAbove(),
                        AlertType.TACHYCARDIA, m -> "High Heart Rate detected: " + m.hrBpm() + " BPM",
                        "hr_bpm > " + limits.tachycardiaHrAbove(), Measurement.HR_BPM),
                // Seed table: BRADYCARDIA, hr_bpm < 50, high.
                rule(m -> m.hrBpm() != null && m.hrBpm() < limits.bradycardiaHrBelow(),
                        AlertType.BRADYCARDIA, m -> "Low Heart Rate detected: " + m.hrBpm() + " BPM",
                        "hr_bpm < " + limits.bradycardiaHrBelow(), Measurement.HR_BPM),
                // Seed table: HYPOXIA, spo2_pct < 90, high.
                rule(m -> m.spo2Pct() != null && m.spo2Pct() < limits.hypoxiaSpo2Below(),
                        AlertType.HYPOXIA, m -> "Low SpO2 detected: " + m.spo2Pct() + "%",
                        "spo2_pct < " + limits.hypoxiaSpo2Below(), Measurement.SPO2_PCT),
                // Seed table: FEVER, temp_c > 38.5, medium.
                rule(m -> m.tempC() != null && m.tempC() > limits.feverTempAbove(),
                        AlertType.FEVER, m -> "High Temperature detected: " + celsius(m.tempC()),
                        "temp_c > " + limits.feverTempAbove(), Measurement.TEMP_C),
                // Seed table: HYPERTENSION, bp_systolic > 180 or bp_diastolic > 110, high.
                rule(m -> (m.bpSystolic() != null && m.bpSystolic() > limits.hypertensionSystolicAbove())
                                || (m.bpDiastolic() != null && m.bpDiastolic() > limits.hypertensionDiastolicAbove()),
                        AlertType.HYPERTENSION, m -> "High Blood Pressure detected: " + bloodPressure(m),
                        "bp_systolic > " + limits.hypertensionSystolicAbove() + " or bp_diastolic > "
                                + limits.hypertensionDiastolicAbove(),
                        Measurement.BP_SYSTOLIC, Measurement.BP_DIASTOLIC),
                // Seed table: HYPOTENSION, bp_systolic < 90, high.
                rule(m -> m.bpSystolic() != null && m.bpSystolic() < limits.hypotensionSystolicBelow(),
                        AlertType.HYPOTENSION, m -> "Low Blood Pressure detected: " + bloodPressure(m),
                        "bp_systolic < " + limits.hypotensionSystolicBelow(),
                        Measurement.BP_SYSTOLIC, Measurement.BP_DIASTOLIC),
                // Seed table: TACHYPNEA, resp_rate > 24, medium.
                rule(m -> m.respRate() != null && m.respRate() > limits.tachypneaRespRateAbove(),
                        AlertType.TACHYPNEA, m -> "High Respiratory Rate detected: " + breaths(m.respRate()),
                        "resp_rate > " + limits.tachypneaRespRateAbove(), Measurement.RESP_RATE),
                // Seed table: BRADYPNEA, resp_rate < 8, high.
                rule(m -> m.respRate() != null && m.respRate() < limits.bradypneaRespRateBelow(),
                        AlertType.BRADYPNEA, m -> "Low Respiratory Rate detected: " + breaths(m.respRate()),
                        "resp_rate < " + limits.bradypneaRespRateBelow(), Measurement.RESP_RATE),
                // Seed table: SEPSIS_RISK, temp_c > 38.5 and hr_bpm > 100 and resp_rate > 20, critical.
                rule(m -> m.tempC() != null && m.tempC() > limits.sepsisTempAbove()
                                && m.hrBpm() != null && m.hrBpm() > limits.sepsisHrAbove()
                                && m.respRate() != null && m.respRate() > limits.sepsisRespRateAbove(),
                        AlertType.SEPSIS_RISK, m -> "Sepsis risk: temperature " + celsius(m.tempC())
                                + ", heart rate " + m.hrBpm() + " BPM, respiratory rate " + breaths(m.respRate()),
                        "temp_c > " + limits.sepsisTempAbove() + " and hr_bpm > " + limits.sepsisHrAbove()
                                + " and resp_rate > " + limits.sepsisRespRateAbove(),
                        Measurement.TEMP_C, Measurement.HR_BPM, Measurement.RESP_RATE),
                // Seed table: RESPIRATORY_DISTRESS, spo2_pct < 92 and resp_rate > 24, critical.
                rule(m -> m.spo2Pct() != null && m.spo2Pct() < limits.respiratoryDistressSpo2Below()
                                && m.respRate() != null && m.respRate() > limits.respiratoryDistressRespRateAbove(),
                        AlertType.RESPIRATORY_DISTRESS, m -> "Respiratory distress: SpO2 " + m.spo2Pct()
                                + "%, respiratory rate " + breaths(m.respRate()),
                        "spo2_pct < " + limits.respiratoryDistressSpo2Below() + " and resp_rate > "
                                + limits.respiratoryDistressRespRateAbove(),
                        Measurement.SPO2_PCT, Measurement.RESP_RATE));
    }

    /** Every rule the measurements breach, in the order of {@link AlertType}. */
    public List<Breach> evaluate(Measurements measurements) {
        List<Breach> breaches = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.breached().test(measurements)) {
                breaches.add(rule.breach(measurements));
            }
        }
        return List.copyOf(breaches);
    }

    /**
     * One rule. Its text ("TACHYCARDIA: hr_bpm > 130", with the limit in force) is built once: every reading goes
     * through every rule.
     */
    private static Rule rule(Predicate<Measurements> breached, AlertType type, Function<Measurements, String> message,
                             String condition, Measurement... used) {
        return new Rule(breached, type, message, type.name() + ": " + condition, List.of(used));
    }

    private record Rule(Predicate<Measurements> breached, AlertType type, Function<Measurements, String> message,
                        String text, List<Measurement> used) {

        /** The breach, with the evidence: the measurements the rule looks at that the reading carried. */
        Breach breach(Measurements m) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Measurement measurement : used) {
                Double value = m.valueOf(measurement);
                if (value != null) {
                    values.put(measurement.fieldName(), value);
                }
            }
            return new Breach(type, message.apply(m), text, values);
        }
    }

    private static String celsius(double value) {
        return String.format(Locale.ROOT, "%.1f°C", value);
    }

    private static String breaths(int value) {
        return value + " breaths/min";
    }

    /** "190/100 mmHg"; the diastolic part is left out when it was not measured. */
    private static String bloodPressure(Measurements m) {
        if (m.bpSystolic() == null) {
            return "diastolic " + m.bpDiastolic() + " mmHg";
        }
        return m.bpDiastolic() == null
                ? m.bpSystolic() + " mmHg"
                : m.bpSystolic() + "/" + m.bpDiastolic() + " mmHg";
    }
}
