package org.hospital.query.fhir;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * {@code GET /fhir/r4/metadata}: what this server does, and nothing more (docs/fhir.md, CapabilityStatement): JSON
 * only, read and search on four resource types with the parameters {@link SearchParameters} accepts, Encounter
 * {@code $everything}, bearer tokens.
 */
final class FhirCapabilities {

    /** The day this statement last changed. */
    private static final LocalDate CHANGED = LocalDate.of(2026, 12, 7);

    private FhirCapabilities() {
    }

    static CapabilityStatement statement(String baseUrl) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(Enumerations.PublicationStatus.ACTIVE);
        statement.setDate(Date.from(CHANGED.atStartOfDay().toInstant(ZoneOffset.UTC)));
        statement.setPublisher("Hospital inpatient backend");
        statement.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        statement.getSoftware().setName("Hospital inpatient backend, FHIR R4 read interface");
        statement.getImplementation().setDescription("Read-only FHIR R4 view of encounters, vital signs, NEWS2 and "
                + "alerts").setUrl(baseUrl);
        statement.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        statement.addFormat("application/fhir+json");
        statement.addFormat("json");
        CapabilityStatementRestComponent rest = statement.addRest();
        rest.setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.setDocumentation("Read-only. Searches refuse parameters they do not list here (400). _count "
                + "defaults to " + SearchParameters.DEFAULT_COUNT + " and may be at most " + SearchParameters.MAX_COUNT
                + "; _sort supports date and -date (the default); pages are linked with _offset.");
        rest.getSecurity().setCors(false)
                .addService(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth"))
                        .setText("Bearer token"))
                .setDescription("Bearer tokens from POST /auth/login, the same as the REST API's; the same ownership "
                        + "rules (docs/api.md, Roles). Every read is recorded in the access log.");

        CapabilityStatementRestResourceComponent patient = resource(rest, "Patient");
        read(patient);

        CapabilityStatementRestResourceComponent encounter = resource(rest, "Encounter");
        read(encounter);
        search(encounter);
        encounter.addSearchParam().setName("patient").setType(SearchParamType.REFERENCE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/clinical-patient");
        encounter.addOperation().setName("everything")
                .setDefinition("http://hl7.org/fhir/OperationDefinition/Encounter-everything")
                .setDocumentation("The encounter, its patient, every vital-sign observation, and (for clinicians) "
                        + "the NEWS2 score and alerts, in one searchset Bundle without paging.");

        CapabilityStatementRestResourceComponent observation = resource(rest, "Observation");
        read(observation);
        search(observation);
        for (String profile : FhirResources.vitalSignProfiles()) {
            observation.addSupportedProfile(profile);
        }
        observation.addSupportedProfile(FhirResources.VITAL_SIGNS_PROFILE);
        observation.addSearchParam().setName("encounter").setType(SearchParamType.REFERENCE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/clinical-encounter")
                .setDocumentation("Required.");
        observation.addSearchParam().setName("category").setType(SearchParamType.TOKEN)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Observation-category")
                .setDocumentation("vital-signs or survey (NEWS2).");
        observation.addSearchParam().setName("code").setType(SearchParamType.TOKEN)
                .setDefinition("http://hl7.org/fhir/SearchParameter/clinical-code")
                .setDocumentation("LOINC codes of the vital signs, or the SNOMED CT code of the NEWS2 score.");
        observation.addSearchParam().setName("date").setType(SearchParamType.DATE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/clinical-date")
                .setDocumentation("Prefixes eq, gt, ge, lt, le; a day (UTC) or a date-time with a time zone.");

        CapabilityStatementRestResourceComponent flag = resource(rest, "Flag");
        read(flag);
        search(flag);
        flag.addSearchParam().setName("encounter").setType(SearchParamType.REFERENCE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/clinical-encounter")
                .setDocumentation("Required.");
        return statement;
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatementRestComponent rest,
                                                                     String type) {
        CapabilityStatementRestResourceComponent resource = rest.addResource();
        resource.setType(type);
        resource.setVersioning(CapabilityStatement.ResourceVersionPolicy.NOVERSION);
        resource.setReadHistory(false);
        resource.setUpdateCreate(false);
        return resource;
    }

    private static void read(CapabilityStatementRestResourceComponent resource) {
        resource.addInteraction().setCode(TypeRestfulInteraction.READ);
    }

    private static void search(CapabilityStatementRestResourceComponent resource) {
        resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
    }
}
