package org.hospital.command.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's plausibility ranges and JSON shape of a reading (docs/api.md, Readings), read as the HTTP layer reads
 * it.
 */
class VitalsRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static jakarta.validation.ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    private static VitalsRequest read(String fields) {
        return JSON.readValue("""
                {"patient_id": 1, "encounter_id": 10, "timestamp": "2023-10-27T10:00:00Z", %s}""".formatted(fields),
                VitalsRequest.class);
    }

    private static Set<String> problems(VitalsRequest request) {
        return validator.validate(request).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .collect(Collectors.toSet());
    }

    @Test
    void acceptsTheContractExample() {
        VitalsRequest request = read("""
                "hr_bpm": 80, "spo2_pct": 98, "temp_c": 37.0, "bp_systolic": 120, "bp_diastolic": 80,
                "resp_rate": 16, "on_oxygen": false, "consciousness": "A", "device_flags": []""");
        assertThat(problems(request)).isEmpty();
        assertThat(request.respRate()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0} is accepted")
    @CsvSource(delimiter = '|', textBlock = """
            "hr_bpm": 0
            "hr_bpm": 300
            "spo2_pct": 0
            "spo2_pct": 100
            "temp_c": 20.0
            "temp_c": 45.0
            "bp_systolic": 0
            "bp_systolic": 300
            "bp_diastolic": 0
            "bp_diastolic": 300
            "bp_systolic": 120, "bp_diastolic": 119
            "resp_rate": 0
            "resp_rate": 100
            "consciousness": "U"
            "consciousness": "C"
            "hr_bpm": 80, "device_flags": ["probe_off", "motion_artifact"]
            """)
    void acceptsPlausibleValues(String fields) {
        assertThat(problems(read(fields))).isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "hr_bpm": -1                                | hrBpm
            "hr_bpm": 301                               | hrBpm
            "spo2_pct": -1                              | spo2Pct
            "spo2_pct": 101                             | spo2Pct
            "temp_c": 19.9                              | tempC
            "temp_c": 45.1                              | tempC
            "bp_systolic": -1                           | bpSystolic
            "bp_systolic": 301                          | bpSystolic
            "bp_diastolic": -5                          | bpDiastolic
            "bp_diastolic": 301                         | bpDiastolic
            "bp_systolic": 120, "bp_diastolic": 120     | diastolicBelowSystolic
            "bp_systolic": 80, "bp_diastolic": 120      | diastolicBelowSystolic
            "resp_rate": 101                            | respRate
            "consciousness": "X"                        | consciousness
            "consciousness": "a"                        | consciousness
            "on_oxygen": true                           | anyMeasurementPresent
            "device_flags": ["probe_off"]               | anyMeasurementPresent
            "hr_bpm": 80, "device_flags": ["Probe Off"] | deviceFlags[0].<list element>
            """)
    void refusesImplausibleValues(String fields, String property) {
        assertThat(problems(read(fields))).contains(property);
    }

    @Test
    void refusesAReadingWithoutIdsOrTimestamp() {
        VitalsRequest request = JSON.readValue("{\"hr_bpm\": 80}", VitalsRequest.class);
        assertThat(problems(request)).contains("patientId", "encounterId", "timestamp");
    }

    @Test
    void takesRespRateBpmAsAnAliasOfRespRate() {
        assertThat(read("\"resp_rate_bpm\": 18").respRate()).isEqualTo(18);
    }

    @Test
    void refusesUnknownFields() {
        assertThatThrownBy(() -> read("\"heart_rate\": 80")).hasMessageContaining("heart_rate");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2023-10-27T10:00:00Z       | 2023-10-27T10:00:00Z
            2023-10-27T15:30:00+05:30  | 2023-10-27T10:00:00Z
            2023-10-27T10:00:00        | 2023-10-27T10:00:00Z
            2023-10-27T10:00:00.250    | 2023-10-27T10:00:00.250Z
            """)
    void readsTimestampsWithOrWithoutOffset(String sent, Instant expected) {
        VitalsRequest request = JSON.readValue("""
                {"patient_id": 1, "encounter_id": 10, "timestamp": "%s", "hr_bpm": 80}""".formatted(sent),
                VitalsRequest.class);
        assertThat(request.timestamp()).isEqualTo(expected);
    }

    @Test
    void refusesATimestampThatIsNotIso8601() {
        assertThatThrownBy(() -> JSON.readValue("""
                {"patient_id": 1, "encounter_id": 10, "timestamp": "yesterday", "hr_bpm": 80}""",
                VitalsRequest.class)).hasMessageContaining("timestamp");
    }
}
