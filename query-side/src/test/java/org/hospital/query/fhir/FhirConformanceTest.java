package org.hospital.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The conformance check itself finds the errors it claims to find, so a green FHIR test means something. */
class FhirConformanceTest {

    private final FhirConformance conformance = FhirConformance.instance();

    @Test
    void acceptsAHeartRateThatFollowsTheVitalSignsProfile() {
        var report = conformance.check(HEART_RATE);
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void rejectsAHeartRateWithoutItsLoincCode() {
        var report = conformance.check(HEART_RATE.replace("8867-4", "1234-5"));
        assertThat(report.errors()).anyMatch(e -> e.contains("HeartRateCode"));
    }

    @Test
    void rejectsAVitalSignWithoutSubject() {
        var report = conformance.check(HEART_RATE.replace("\"subject\":{\"reference\":\"Patient/1\"},", ""));
        assertThat(report.errors()).anyMatch(e -> e.contains("subject"));
    }

    @Test
    void rejectsAVitalSignWithoutUcumUnit() {
        var report = conformance.check(HEART_RATE.replace("\"system\":\"http://unitsofmeasure.org\",", ""));
        assertThat(report.errors()).isNotEmpty();
    }

    @Test
    void rejectsUnknownElements() {
        var report = conformance.check(HEART_RATE.replace("\"status\":\"final\"", "\"status\":\"final\",\"x\":1"));
        assertThat(report.errors()).isNotEmpty();
    }

    @Test
    void rejectsAPeriodThatEndsBeforeItStarts() {
        var report = conformance.check("""
                {"resourceType":"Encounter","id":"1","status":"finished",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
                 "period":{"start":"2023-10-27T10:00:00Z","end":"2023-10-26T10:00:00Z"}}""");
        assertThat(report.errors()).anyMatch(e -> e.contains("per-1"));
    }

    private static final String HEART_RATE = """
            {"resourceType":"Observation","id":"hr-1",
             "meta":{"profile":["http://hl7.org/fhir/StructureDefinition/vitalsigns",
                                "http://hl7.org/fhir/StructureDefinition/heartrate"]},
             "status":"final",
             "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category",
                                     "code":"vital-signs"}]}],
             "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
             "subject":{"reference":"Patient/1"},
             "effectiveDateTime":"2023-10-27T10:05:00Z",
             "valueQuantity":{"value":142,"unit":"beats/minute","system":"http://unitsofmeasure.org","code":"/min"}}""";
}
