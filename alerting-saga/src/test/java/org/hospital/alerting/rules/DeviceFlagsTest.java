package org.hospital.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceFlagsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            probe_off              | SPO2_PCT HR_BPM
            motion_artifact        | HR_BPM SPO2_PCT
            spo2_pct               | SPO2_PCT
            spo2_pct_unreliable    | SPO2_PCT
            hr_bpm_unreliable      | HR_BPM
            temp_c                 | TEMP_C
            temp_c_unreliable      | TEMP_C
            bp_systolic_unreliable | BP_SYSTOLIC
            bp_diastolic           | BP_DIASTOLIC
            resp_rate_unreliable   | RESP_RATE
            resp_rate_bpm          | RESP_RATE
            ' Probe_Off '          | SPO2_PCT HR_BPM
            """)
    void excludesTheMeasurementsAFlagNames(String flag, String expected) {
        Set<Measurement> excluded = Arrays.stream(expected.split(" "))
                .map(Measurement::valueOf)
                .collect(Collectors.toSet());

        DeviceFlags.Interpretation interpretation = DeviceFlags.interpret(List.of(flag));

        assertThat(interpretation.excluded()).isEqualTo(excluded);
        assertThat(interpretation.unrecognised()).isEmpty();
    }

    @Test
    void excludesNothingForAnUnknownFlagButReportsIt() {
        DeviceFlags.Interpretation interpretation = DeviceFlags.interpret(List.of("battery_low", "probe_off"));

        assertThat(interpretation.excluded()).containsExactlyInAnyOrder(Measurement.SPO2_PCT, Measurement.HR_BPM);
        assertThat(interpretation.unrecognised()).containsExactly("battery_low");
    }

    @Test
    void excludesNothingWithoutFlags() {
        assertThat(DeviceFlags.interpret(List.of()).excluded()).isEmpty();
        assertThat(DeviceFlags.interpret(null).excluded()).isEmpty();
    }

    @Test
    void keepsFlaggedValuesOutOfCombinedRulesToo() {
        ThresholdRules rules = new ThresholdRules(Thresholds.contract());
        Measurements reading = new Measurements(110, 88, 39.0, null, null, 28);

        var breaches = rules.evaluate(reading.without(DeviceFlags.interpret(List.of("probe_off")).excluded()));

        assertThat(breaches).extracting(Breach::type)
                .containsExactly(AlertType.FEVER, AlertType.TACHYPNEA)
                .doesNotContain(AlertType.SEPSIS_RISK, AlertType.RESPIRATORY_DISTRESS, AlertType.HYPOXIA);
    }
}
