package org.hospital.query.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hospital.query.fhir.FhirViews.AlertRow;
import org.hospital.query.fhir.FhirViews.EncounterRow;
import org.hospital.query.fhir.FhirViews.News2Row;
import org.hospital.query.fhir.FhirViews.PatientRow;
import org.hospital.query.fhir.FhirViews.ReadingRow;

/**
 * Builds the FHIR R4 resources from view rows with HAPI's model (docs/fhir.md, Mapping). Identifier systems name this
 * hospital's own numbers; they are placeholders a deployment replaces with its own URIs.
 */
final class FhirResources {

    static final String IDENTIFIERS = "https://hospital.example/fhir/";
    static final String DOCTOR_IDS = IDENTIFIERS + "sid/doctor";
    static final String ROOM_IDS = IDENTIFIERS + "sid/room";
    static final String DEVICE_IDS = IDENTIFIERS + "sid/device";
    static final String USER_IDS = IDENTIFIERS + "sid/user";
    static final String ALERT_TYPES = IDENTIFIERS + "CodeSystem/alert-type";
    /** The alert's own lifecycle (open, acknowledged, resolved), which Flag.status (active/inactive) cannot carry. */
    static final String ALERT_STATUS_EXTENSION = IDENTIFIERS + "StructureDefinition/alert-status";
    static final String ALERT_SEVERITY_EXTENSION = IDENTIFIERS + "StructureDefinition/alert-severity";
    static final String VITAL_SIGNS_PROFILE = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
    static final String UCUM = "http://unitsofmeasure.org";

    private FhirResources() {
    }

    static Patient patient(PatientRow row) {
        Patient patient = new Patient();
        patient.setId(String.valueOf(row.id()));
        patient.addName(new HumanName().setText(row.name()));
        patient.setGender(gender(row.gender()));
        if (row.birthDate() != null) {
            patient.setBirthDateElement(new DateType(row.birthDate().toString()));
        }
        return patient;
    }

    static Encounter encounter(EncounterRow row) {
        boolean active = "active".equals(row.status());
        Encounter encounter = new Encounter();
        encounter.setId(String.valueOf(row.id()));
        encounter.setStatus(active ? Encounter.EncounterStatus.INPROGRESS : Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP",
                "inpatient encounter"));
        encounter.setSubject(patientReference(row.patientId()));
        encounter.setPeriod(period(row.admittedAt(), row.dischargedAt()));
        Reference doctor = new Reference().setIdentifier(new Identifier().setSystem(DOCTOR_IDS)
                .setValue(String.valueOf(row.doctorId())));
        if (row.doctorName() != null) {
            doctor.setDisplay(row.doctorName());
        }
        encounter.addParticipant()
                .addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                        "ATND", "attender")))
                .setIndividual(doctor);
        encounter.addLocation()
                .setLocation(new Reference().setIdentifier(new Identifier().setSystem(ROOM_IDS)
                        .setValue(String.valueOf(row.roomId()))).setDisplay("Room " + row.roomNumber() + ", "
                        + row.ward()))
                .setStatus(active ? Encounter.EncounterLocationStatus.ACTIVE
                        : Encounter.EncounterLocationStatus.COMPLETED);
        return encounter;
    }

    /**
     * One vital sign of a reading, on its R4 profile. Nothing beyond what the profile and a reader need (no narrative,
     * no texts repeating the codes' displays): {@code $everything} carries thousands of these.
     */
    static Observation vitalSign(VitalSign sign, ReadingRow reading) {
        Observation observation = new Observation();
        observation.setId(sign.key() + "-" + reading.readingId());
        observation.getMeta().addProfile(VITAL_SIGNS_PROFILE).addProfile(sign.profile());
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(SearchParameters.CATEGORY_SYSTEM, "vital-signs",
                "Vital Signs")));
        CodeableConcept code = new CodeableConcept(new Coding(SearchParameters.LOINC, sign.loinc(), sign.display()));
        if (sign == VitalSign.OXYGEN_SATURATION) {
            code.addCoding(new Coding(SearchParameters.LOINC, VitalSign.PULSE_OXIMETRY_CODE,
                    VitalSign.PULSE_OXIMETRY_DISPLAY));
        }
        observation.setCode(code);
        observation.setSubject(patientReference(reading.patientId()));
        observation.setEncounter(new Reference("Encounter/" + reading.encounterId()));
        observation.setEffective(dateTime(reading.timestamp()));
        recordedBy(observation, reading.source());
        switch (sign) {
            case HEART_RATE -> observation.setValue(quantity(sign, reading.hrBpm()));
            case OXYGEN_SATURATION -> observation.setValue(quantity(sign, reading.spo2Pct()));
            case BODY_TEMPERATURE -> observation.setValue(quantity(sign, reading.tempC()));
            case RESPIRATORY_RATE -> observation.setValue(quantity(sign, reading.respRate()));
            case BLOOD_PRESSURE -> {
                observation.addComponent(pressure(VitalSign.SYSTOLIC_CODE, VitalSign.SYSTOLIC_DISPLAY,
                        reading.bpSystolic()));
                observation.addComponent(pressure(VitalSign.DIASTOLIC_CODE, VitalSign.DIASTOLIC_DISPLAY,
                        reading.bpDiastolic()));
            }
        }
        return observation;
    }

    /**
     * The NEWS2 aggregate score as an Observation in category {@code survey} (a scored assessment, as NHS England's
     * UK Core models it), derived from the reading's vital-sign observations; see docs/fhir.md for why not a
     * RiskAssessment.
     */
    static Observation news2(News2Row row) {
        Observation observation = new Observation();
        observation.setId(SearchParameters.NEWS2 + "-" + row.readingId());
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(SearchParameters.CATEGORY_SYSTEM, "survey",
                "Survey")));
        observation.setCode(new CodeableConcept(new Coding(SearchParameters.SNOMED, SearchParameters.NEWS2_SNOMED,
                "Royal College of Physicians NEWS2 (National Early Warning Score 2) total score"))
                .setText("NEWS2 total score"));
        observation.setSubject(patientReference(row.patientId()));
        observation.setEncounter(new Reference("Encounter/" + row.encounterId()));
        observation.setEffective(dateTime(row.scoredAt()));
        observation.setValue(new IntegerType(row.score()));
        if (row.risk() != null) {
            observation.addInterpretation(new CodeableConcept().setText("Clinical risk: " + row.risk()
                    + " (RCP NEWS2 2017, chart 3)"));
        }
        for (VitalSign sign : row.derivedFrom()) {
            observation.addDerivedFrom(new Reference("Observation/" + sign.key() + "-" + row.readingId()));
        }
        return observation;
    }

    /** An alert: active while open or acknowledged, inactive once resolved; the exact state in an extension. */
    static Flag flag(AlertRow row) {
        Flag flag = new Flag();
        flag.setId(String.valueOf(row.alertId()));
        flag.addExtension(ALERT_STATUS_EXTENSION, new CodeType(row.status()));
        flag.addExtension(ALERT_SEVERITY_EXTENSION, new CodeType(row.severity()));
        flag.setStatus("resolved".equals(row.status()) ? Flag.FlagStatus.INACTIVE : Flag.FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/flag-category",
                "clinical", "Clinical")));
        flag.setCode(new CodeableConcept(new Coding(ALERT_TYPES, row.type(), null)).setText(row.message()));
        flag.setSubject(patientReference(row.patientId()));
        flag.setEncounter(new Reference("Encounter/" + row.encounterId()));
        flag.setPeriod(period(row.raisedAt(), row.resolvedAt()));
        return flag;
    }

    static Reference patientReference(long patientId) {
        return new Reference("Patient/" + patientId);
    }

    /** {@code device:<id>} as the Observation's device, {@code user:<id>} as its performer (logical references). */
    private static void recordedBy(Observation observation, String source) {
        if (source == null) {
            return;
        }
        int colon = source.indexOf(':');
        String kind = colon < 0 ? "" : source.substring(0, colon);
        String id = source.substring(colon + 1);
        switch (kind) {
            case "device" -> observation.setDevice(new Reference().setIdentifier(new Identifier()
                    .setSystem(DEVICE_IDS).setValue(id)));
            case "user" -> observation.addPerformer(new Reference().setIdentifier(new Identifier()
                    .setSystem(USER_IDS).setValue(id)));
            default -> {
                // An unknown source names nobody we can reference.
            }
        }
    }

    private static Quantity quantity(VitalSign sign, Number value) {
        BigDecimal decimal = value instanceof Double d ? BigDecimal.valueOf(d) : BigDecimal.valueOf(value.longValue());
        return new Quantity().setValue(decimal).setUnit(sign.unit()).setSystem(UCUM).setCode(sign.ucum());
    }

    private static ObservationComponentComponent pressure(String loinc, String display, Integer value) {
        ObservationComponentComponent component = new ObservationComponentComponent(
                new CodeableConcept(new Coding(SearchParameters.LOINC, loinc, display)).setText(display));
        if (value != null) {
            component.setValue(quantity(VitalSign.BLOOD_PRESSURE, value));
        } else {
            component.setDataAbsentReason(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", "Unknown")));
        }
        return component;
    }

    private static AdministrativeGender gender(String code) {
        if (code == null) {
            return AdministrativeGender.UNKNOWN;
        }
        return switch (code) {
            case "M" -> AdministrativeGender.MALE;
            case "F" -> AdministrativeGender.FEMALE;
            case "O" -> AdministrativeGender.OTHER;
            default -> AdministrativeGender.UNKNOWN;
        };
    }

    private static Period period(Instant start, Instant end) {
        Period period = new Period().setStartElement(dateTime(start));
        if (end != null) {
            period.setEndElement(dateTime(end));
        }
        return period;
    }

    /** An instant in UTC to the millisecond (FHIR dateTime needs a zone once it has a time). */
    static DateTimeType dateTime(Instant instant) {
        return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC"));
    }

    static List<String> vitalSignProfiles() {
        return Arrays.stream(VitalSign.values()).map(VitalSign::profile).toList();
    }
}
