package org.hospital.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdRulesTest {

    private final ThresholdRules rules = new ThresholdRules(Thresholds.contract());

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            hr_bpm       | 130  | -
            hr_bpm       | 131  | TACHYCARDIA
            hr_bpm       | 50   | -
            hr_bpm       | 49   | BRADYCARDIA
            spo2_pct     | 90   | -
            spo2_pct     | 89   | HYPOXIA
            temp_c       | 38.5 | -
            temp_c       | 38.6 | FEVER
            bp_systolic  | 180  | -
            bp_systolic  | 181  | HYPERTENSION
            bp_diastolic | 110  | -
            bp_diastolic | 111  | HYPERTENSION
            bp_systolic  | 90   | -
            bp_systolic  | 89   | HYPOTENSION
            resp_rate    | 24   | -
            resp_rate    | 25   | TACHYPNEA
            resp_rate    | 8    | -
            resp_rate    | 7    | BRADYPNEA
            """)
    void firesASingleParameterRuleOnlyStrictlyBeyondItsThreshold(String field, String value, String expected) {
        Measurements reading = only(field, value);

        assertThat(types(rules.evaluate(reading))).isEqualTo(expectedTypes(expected));
    }

    @ParameterizedTest(name = "temp {0}, hr {1}, rr {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            38.6 | 101 | 21 | FEVER SEPSIS_RISK
            38.5 | 101 | 21 | -
            38.6 | 100 | 21 | FEVER
            38.6 | 101 | 20 | FEVER
            39.0 | 110 | 22 | FEVER SEPSIS_RISK
            """)
    void raisesSepsisRiskOnlyWhenTemperatureHeartRateAndRespirationAreAllAboveTheirLimits(double temp, int hr,
                                                                                          int rr, String expected) {
        Measurements reading = new Measurements(hr, null, temp, null, null, rr);

        assertThat(types(rules.evaluate(reading))).isEqualTo(expectedTypes(expected));
    }

    @ParameterizedTest(name = "spo2 {0}, rr {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            91 | 25 | TACHYPNEA RESPIRATORY_DISTRESS
            92 | 25 | TACHYPNEA
            91 | 24 | -
            88 | 28 | HYPOXIA TACHYPNEA RESPIRATORY_DISTRESS
            """)
    void raisesRespiratoryDistressOnlyWhenSaturationIsLowAndRespirationHigh(int spo2, int rr, String expected) {
        Measurements reading = new Measurements(null, spo2, null, null, null, rr);

        assertThat(types(rules.evaluate(reading))).isEqualTo(expectedTypes(expected));
    }

    @Test
    void needsEveryMeasurementOfACombinedRule() {
        assertThat(rules.evaluate(new Measurements(140, null, 39.0, null, null, null)))
                .extracting(Breach::type)
                .containsExactly(AlertType.TACHYCARDIA, AlertType.FEVER);
    }

    @Test
    void findsNothingInANormalReading() {
        assertThat(rules.evaluate(new Measurements(80, 98, 37.0, 120, 80, 16))).isEmpty();
    }

    @Test
    void findsNothingWhenNothingWasMeasured() {
        assertThat(rules.evaluate(new Measurements(null, null, null, null, null, null))).isEmpty();
    }

    @ParameterizedTest(name = "{6}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            140  | null | null | null | null | null | High Heart Rate detected: 140 BPM
            45   | null | null | null | null | null | Low Heart Rate detected: 45 BPM
            null | 85   | null | null | null | null | Low SpO2 detected: 85%
            null | null | 39.2 | null | null | null | High Temperature detected: 39.2°C
            null | null | 39   | null | null | null | High Temperature detected: 39.0°C
            null | null | null | 190  | 100  | null | High Blood Pressure detected: 190/100 mmHg
            null | null | null | 190  | null | null | High Blood Pressure detected: 190 mmHg
            null | null | null | null | 120  | null | High Blood Pressure detected: diastolic 120 mmHg
            null | null | null | 85   | 60   | null | Low Blood Pressure detected: 85/60 mmHg
            null | null | null | 85   | null | null | Low Blood Pressure detected: 85 mmHg
            null | null | null | null | null | 28   | High Respiratory Rate detected: 28 breaths/min
            null | null | null | null | null | 6    | Low Respiratory Rate detected: 6 breaths/min
            """)
    void writesTheSeedsMessageForASingleBreach(Integer hr, Integer spo2, Double temp, Integer systolic,
                                               Integer diastolic, Integer rr, String message) {
        assertThat(rules.evaluate(new Measurements(hr, spo2, temp, systolic, diastolic, rr)))
                .extracting(Breach::message)
                .containsExactly(message);
    }

    @Test
    void describesSepsisRiskWithAllThreeValues() {
        assertThat(rules.evaluate(new Measurements(110, null, 39.0, null, null, 22)))
                .filteredOn(b -> b.type() == AlertType.SEPSIS_RISK)
                .extracting(Breach::message)
                .containsExactly("Sepsis risk: temperature 39.0°C, heart rate 110 BPM, respiratory rate 22 "
                        + "breaths/min");
    }

    @Test
    void describesRespiratoryDistressWithSaturationAndRate() {
        assertThat(rules.evaluate(new Measurements(null, 88, null, null, null, 28)))
                .filteredOn(b -> b.type() == AlertType.RESPIRATORY_DISTRESS)
                .extracting(Breach::message)
                .containsExactly("Respiratory distress: SpO2 88%, respiratory rate 28 breaths/min");
    }

    @Test
    void givesEachTypeTheContractsSeverity() {
        assertThat(rules.evaluate(new Measurements(140, 85, 39.0, 190, 100, 28)))
                .extracting(b -> b.type() + "=" + b.severity().wireName())
                .containsExactly("TACHYCARDIA=high", "HYPOXIA=high", "FEVER=medium", "HYPERTENSION=high",
                        "TACHYPNEA=medium", "SEPSIS_RISK=critical", "RESPIRATORY_DISTRESS=critical");
    }

    @Test
    void usesConfiguredLimitsInsteadOfTheContractDefaults() {
        Thresholds c = Thresholds.contract();
        ThresholdRules stricter = new ThresholdRules(new Thresholds(120, c.bradycardiaHrBelow(),
                c.hypoxiaSpo2Below(), c.feverTempAbove(), c.hypertensionSystolicAbove(),
                c.hypertensionDiastolicAbove(), c.hypotensionSystolicBelow(), c.tachypneaRespRateAbove(),
                c.bradypneaRespRateBelow(), c.sepsisTempAbove(), c.sepsisHrAbove(), c.sepsisRespRateAbove(),
                c.respiratoryDistressSpo2Below(), c.respiratoryDistressRespRateAbove()));

        assertThat(types(stricter.evaluate(new Measurements(125, null, null, null, null, null))))
                .containsExactly(AlertType.TACHYCARDIA);
    }

    private static Measurements only(String field, String value) {
        Measurement measurement = Measurement.ofFieldName(field).orElseThrow();
        Integer number = measurement == Measurement.TEMP_C ? null : Integer.valueOf(value);
        return switch (measurement) {
            case HR_BPM -> new Measurements(number, null, null, null, null, null);
            case SPO2_PCT -> new Measurements(null, number, null, null, null, null);
            case TEMP_C -> new Measurements(null, null, Double.valueOf(value), null, null, null);
            case BP_SYSTOLIC -> new Measurements(null, null, null, number, null, null);
            case BP_DIASTOLIC -> new Measurements(null, null, null, null, number, null);
            case RESP_RATE -> new Measurements(null, null, null, null, null, number);
        };
    }

    private static List<AlertType> types(List<Breach> breaches) {
        return breaches.stream().map(Breach::type).toList();
    }

    private static List<AlertType> expectedTypes(String expected) {
        return "-".equals(expected)
                ? List.of()
                : Arrays.stream(expected.split(" ")).map(AlertType::valueOf).toList();
    }
}
