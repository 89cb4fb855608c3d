package org.hospital.command.vitals;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One reading as a device or nurse sends it (docs/api.md, Readings). The ranges are plausibility limits of the
 * contract, not clinical thresholds: a value outside them is a sensor or typing error and is refused rather than
 * stored.
 */
@Schema(description = "One reading; at least one measurement. timestamp: the time of measurement (UTC).",
        example = """
                {"patient_id": 1, "encounter_id": 1, "timestamp": "2026-12-06T10:00:00Z", "hr_bpm": 140, "spo2_pct": 97,
                 "temp_c": 37.0, "bp_systolic": 120, "bp_diastolic": 80, "resp_rate": 16, "on_oxygen": false,
                 "consciousness": "A", "device_flags": []}""")
record VitalsRequest(
        @NotNull @Positive Long patientId,
        @NotNull @Positive Long encounterId,
        @NotNull @JsonDeserialize(using = LenientUtcInstantDeserializer.class) Instant timestamp,
        @Min(0) @Max(300) Integer hrBpm,
        @Min(0) @Max(100) Integer spo2Pct,
        @DecimalMin("20.0") @DecimalMax("45.0") Double tempC,
        @Min(0) @Max(300) Integer bpSystolic,
        @Min(0) @Max(300) Integer bpDiastolic,
        @JsonAlias("resp_rate_bpm") @Min(0) @Max(100) Integer respRate,
        Boolean onOxygen,
        @Pattern(regexp = "[ACVPU]", message = "must be one of A, C, V, P, U") String consciousness,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9_]{1,40}",
                message = "must be a lower-case flag name") String> deviceFlags) {

    /** Oxygen use and device flags qualify a measurement; alone they are not one. */
    @AssertTrue(message = "at least one measurement is required")
    boolean isAnyMeasurementPresent() {
        return hrBpm != null || spo2Pct != null || tempC != null || bpSystolic != null || bpDiastolic != null
                || respRate != null || consciousness != null;
    }

    @AssertTrue(message = "bp_diastolic must be below bp_systolic")
    boolean isDiastolicBelowSystolic() {
        return bpSystolic == null || bpDiastolic == null || bpDiastolic < bpSystolic;
    }
}
