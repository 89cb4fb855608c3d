package org.hospital.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hospital.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every read the query side serves is either a read of patient data ({@link PatientReads}: access-logged, and
 * guarded during a rebuild when it comes from the views) or one of the few that name no patient: a new read left out
 * of the list fails here instead of going unlogged.
 */
class PatientReadsTest extends QuerySideIntegrationTest {

    /** Reads that name no patient: administration, health, the API's and the FHIR server's own descriptions. */
    private static final List<String> NOT_PATIENT_READS = List.of("/admin/**", "/health", "/error",
            "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/fhir/r4/metadata");

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyReadTheSideServesIsAPatientReadOrNamesNoPatient() {
        List<String> reads = mappings.getHandlerMethods().keySet().stream()
                .filter(info -> info.getMethodsCondition().getMethods().isEmpty()
                        || info.getMethodsCondition().getMethods().contains(RequestMethod.GET))
                .flatMap(info -> info.getPatternValues().stream())
                .map(pattern -> pattern.replaceAll("\\{[^}]+}", "1"))
                .toList();
        assertThat(reads).hasSizeGreaterThan(15);

        List<String> unlisted = reads.stream()
                .filter(path -> !matchesAny(PatientReads.all(), path) && !matchesAny(NOT_PATIENT_READS, path))
                .toList();
        assertThat(unlisted).isEmpty();
    }

    private static boolean matchesAny(List<String> patterns, String path) {
        return patterns.stream().anyMatch(pattern -> PATHS.match(pattern, path));
    }

    private static boolean matchesAny(String[] patterns, String path) {
        return matchesAny(List.of(patterns), path);
    }
}
