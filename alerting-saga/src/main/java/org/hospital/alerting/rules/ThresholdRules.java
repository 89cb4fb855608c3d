package org.hospital.alerting.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The ten threshold rules of CONTRACT §6. Source of every rule, its condition and its severity: the contract's
 * table, taken from the seed system; messages follow the seed's wording. Limits come from {@link Thresholds}.
 * A rule whose measurements are absent (not measured, or excluded by a device flag) does not fire.
 */
public final class ThresholdRules {

    private final List<Function<Measurements, Optional<Breach>>> rules;

    public ThresholdRules(Thresholds limits) {
        Objects.requireNonNull(limits, "limits");
        this.rules = List.of(
                // Seed table: TACHYCARDIA, hr_bpm > 130, high.
                m -> when(m.hrBpm() != null && m.hrBpm() > limits.tachycardiaHrAbove(),
                        AlertType.TACHYCARDIA, () -> "High Heart Rate detected: " + m.hrBpm() + " BPM"),
                // Seed table: BRADYCARDIA, hr_bpm < 50, high.
                m -> when(m.hrBpm() != null && m.hrBpm() < limits.bradycardiaHrBelow(),
                        AlertType.BRADYCARDIA, () -> "Low Heart Rate detected: " + m.hrBpm() + " BPM"),
                // Seed table: HYPOXIA, spo2_pct < 90, high.
                m -> when(m.spo2Pct() != null && m.spo2Pct() < limits.hypoxiaSpo2Below(),
                        AlertType.HYPOXIA, () -> "Low SpO2 detected: " + m.spo2Pct() + "%"),
                // Seed table: FEVER, temp_c > 38.5, medium.
                m -> when(m.tempC() != null && m.tempC() > limits.feverTempAbove(),
                        AlertType.FEVER, () -> "High Temperature detected: " + celsius(m.tempC())),
                // Seed table: HYPERTENSION, bp_systolic > 180 or bp_diastolic > 110, high.
                m -> when((m.bpSystolic() != null && m.bpSystolic() > limits.hypertensionSystolicAbove())
                                || (m.bpDiastolic() != null && m.bpDiastolic() > limits.hypertensionDiastolicAbove()),
                        AlertType.HYPERTENSION, () -> "High Blood Pressure detected: " + bloodPressure(m)),
                // Seed table: HYPOTENSION, bp_systolic < 90, high.
                m -> when(m.bpSystolic() != null && m.bpSystolic() < limits.hypotensionSystolicBelow(),
                        AlertType.HYPOTENSION, () -> "Low Blood Pressure detected: " + bloodPressure(m)),
                // Seed table: TACHYPNEA, resp_rate > 24, medium.
                m -> when(m.respRate() != null && m.respRate() > limits.tachypneaRespRateAbove(),
                        AlertType.TACHYPNEA, () -> "High Respiratory Rate detected: " + breaths(m.respRate())),
                // Seed table: BRADYPNEA, resp_rate < 8, high.
                m -> when(m.respRate() != null && m.respRate() < limits.bradypneaRespRateBelow(),
                        AlertType.BRADYPNEA, () -> "Low Respiratory Rate detected: " + breaths(m.respRate())),
                // Seed table: SEPSIS_RISK, temp_c > 38.5 and hr_bpm > 100 and resp_rate > 20, critical.
                m -> when(m.tempC() != null && m.tempC() > limits.sepsisTempAbove()
                                && m.hrBpm() != null && m.hrBpm() > limits.sepsisHrAbove()
                                && m.respRate() != null && m.respRate() > limits.sepsisRespRateAbove(),
                        AlertType.SEPSIS_RISK, () -> "Sepsis risk: temperature " + celsius(m.tempC())
                                + ", heart rate " + m.hrBpm() + " BPM, respiratory rate " + breaths(m.respRate())),
                // Seed table: RESPIRATORY_DISTRESS, spo2_pct < 92 and resp_rate > 24, critical.
                m -> when(m.spo2Pct() != null && m.spo2Pct() < limits.respiratoryDistressSpo2Below()
                                && m.respRate() != null && m.respRate() > limits.respiratoryDistressRespRateAbove(),
                        AlertType.RESPIRATORY_DISTRESS, () -> "Respiratory distress: SpO2 " + m.spo2Pct()
                                + "%, respiratory rate " + breaths(m.respRate())));
    }

    /** Every rule the measurements breach, in the order of {@link AlertType}. */
    public List<Breach> evaluate(Measurements measurements) {
        List<Breach> breaches = new ArrayList<>();
        for (var rule : rules) {
            rule.apply(measurements).ifPresent(breaches::add);
        }
        return List.copyOf(breaches);
    }

    private static Optional<Breach> when(boolean breached, AlertType type, Supplier<String> message) {
        return breached ? Optional.of(new Breach(type, message.get())) : Optional.empty();
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
