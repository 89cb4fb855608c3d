package org.hospital.query.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hospital.query.fhir.FhirViews.ReadingRow;

/**
 * The vital signs a reading is made of, each with the LOINC code, UCUM unit and profile of the FHIR R4 vital-signs
 * profiles (hl7.org/fhir/R4/observation-vitalsigns.html). {@code key} names the kind in observation ids
 * ({@code hr-<reading id>}).
 */
enum VitalSign {

    HEART_RATE("hr", "8867-4", "Heart rate", "/min", "beats/minute", "heartrate", ReadingRow::hrBpm),
    OXYGEN_SATURATION("spo2", "2708-6", "Oxygen saturation in Arterial blood", "%", "%", "oxygensat",
            ReadingRow::spo2Pct),
    BODY_TEMPERATURE("temp", "8310-5", "Body temperature", "Cel", "C", "bodytemp", ReadingRow::tempC),
    BLOOD_PRESSURE("bp", "85354-9", "Blood pressure panel with all children optional", "mm[Hg]", "mmHg", "bp",
            reading -> reading.bpSystolic() != null ? reading.bpSystolic() : reading.bpDiastolic()),
    RESPIRATORY_RATE("rr", "9279-1", "Respiratory rate", "/min", "breaths/minute", "resprate",
            ReadingRow::respRate);

    /** The pulse-oximetry code that goes beside 2708-6 (the R4 oxygen saturation profile's example does the same). */
    static final String PULSE_OXIMETRY_CODE = "59408-5";
    static final String PULSE_OXIMETRY_DISPLAY = "Oxygen saturation in Arterial blood by Pulse oximetry";
    static final String SYSTOLIC_CODE = "8480-6";
    static final String SYSTOLIC_DISPLAY = "Systolic blood pressure";
    static final String DIASTOLIC_CODE = "8462-4";
    static final String DIASTOLIC_DISPLAY = "Diastolic blood pressure";

    private final String key;
    private final String loinc;
    private final String display;
    private final String ucum;
    private final String unit;
    private final String profile;
    private final Function<ReadingRow, ? extends Number> value;

    VitalSign(String key, String loinc, String display, String ucum, String unit, String profile,
              Function<ReadingRow, ? extends Number> value) {
        this.key = key;
        this.loinc = loinc;
        this.display = display;
        this.ucum = ucum;
        this.unit = unit;
        this.profile = profile;
        this.value = value;
    }

    String key() {
        return key;
    }

    String loinc() {
        return loinc;
    }

    String display() {
        return display;
    }

    String ucum() {
        return ucum;
    }

    String unit() {
        return unit;
    }

    /** The canonical URL of the R4 profile for this vital sign. */
    String profile() {
        return "http://hl7.org/fhir/StructureDefinition/" + profile;
    }

    boolean presentIn(ReadingRow reading) {
        return value.apply(reading) != null;
    }

    static List<VitalSign> signsIn(ReadingRow reading) {
        List<VitalSign> present = new ArrayList<>();
        for (VitalSign sign : values()) {
            if (sign.presentIn(reading)) {
                present.add(sign);
            }
        }
        return present;
    }

    static Optional<VitalSign> byKey(String key) {
        for (VitalSign sign : values()) {
            if (sign.key.equals(key)) {
                return Optional.of(sign);
            }
        }
        return Optional.empty();
    }

    /** The vital sign a LOINC code searches for: its own code, or for SpO2 also the pulse-oximetry code. */
    static Optional<VitalSign> byLoinc(String code) {
        if (PULSE_OXIMETRY_CODE.equals(code)) {
            return Optional.of(OXYGEN_SATURATION);
        }
        for (VitalSign sign : values()) {
            if (sign.loinc.equals(code)) {
                return Optional.of(sign);
            }
        }
        return Optional.empty();
    }
}
