package org.hospital.query.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.EndpointRules;
import org.hospital.platform.security.Role;
import org.hospital.platform.web.HttpStatuses;
import org.hospital.platform.web.PathErrorFormat;
import org.hospital.platform.web.RequestIds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The FHIR interface's wiring: one R4 context (expensive to build, thread-safe, its own so that its parser options
 * are ours alone), who may call which route (the
 * CapabilityStatement is public, as FHIR servers publish it; alerts are for clinicians, as in the REST API), and
 * OperationOutcome for the errors the filters answer under {@code /fhir/}.
 */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    /**
     * The resources built here never hold contained resources or versioned references, so the parser need not look
     * for either: a third to a half of the time {@code $everything} spent encoding 7,200 observations.
     */
    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        context.getParserOptions().setStripVersionsFromReferences(false);
        return context;
    }

    @Bean
    EndpointRules fhirEndpointRules() {
        String admin = Role.ADMIN.name();
        String doctor = Role.DOCTOR.name();
        String nurse = Role.NURSE.name();
        String patient = Role.PATIENT.name();
        String base = FhirController.BASE;
        return rules -> rules
                .requestMatchers(HttpMethod.GET, base + "/metadata").permitAll()
                .requestMatchers(HttpMethod.GET, base + "/Flag", base + "/Flag/*").hasAnyRole(admin, doctor, nurse)
                .requestMatchers(HttpMethod.GET, base + "/Patient/*", base + "/Encounter", base + "/Encounter/*",
                        base + "/Encounter/*/$everything", base + "/Observation", base + "/Observation/*")
                .hasAnyRole(admin, doctor, nurse, patient);
    }

    @Bean
    PathErrorFormat fhirErrorFormat(FhirOutput output) {
        return new PathErrorFormat() {
            @Override
            public boolean appliesTo(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return path.startsWith("/fhir/");
            }

            @Override
            public void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
                response.setStatus(HttpStatuses.of(code));
                response.setContentType(FhirOutput.FHIR_JSON + ";charset=UTF-8");
                response.getOutputStream().write(output.encode(OperationOutcomes.of(code, message,
                        RequestIds.current()), false));
            }
        };
    }
}
