package org.hospital.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hospital.query.QuerySideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Every read the query side serves is either a read of patient data ({@link PatientReads}: access-logged, and
 * guarded during a rebuild when it comes from the views) or one of the few that name no patient: a new read left out
 * of the list fails here instead of going unlogged; and the list is wired where it should be.
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

    /**
     * The wiring on real paths: each read has the access log's interceptor, the reads of the views also the rebuild
     * guard (503 while the views are rebuilt), and the reads that name no patient neither.
     */
    @Test
    void logsEveryPatientReadAndGuardsTheReadsOfTheViewsDuringARebuild() throws Exception {
        List<String> fromViews = List.of("/doctors/7/patients", "/encounters/7/overview", "/encounters/7/alerts",
                "/encounters/7/observations", "/patients/7/encounter", "/patients/7/vitals/recent", "/board",
                "/encounters/7/trend", "/fhir/r4/Patient/7", "/fhir/r4/Observation", "/fhir/r4/Encounter/7/$everything");
        List<String> notFromViews = List.of("/encounters/7/history", "/alerts/stream", "/patients/7/access-log");
        for (String path : fromViews) {
            assertThat(interceptorsOf(path)).as(path).contains("AccessLogInterceptor", "RebuildGuard");
        }
        for (String path : notFromViews) {
            assertThat(interceptorsOf(path)).as(path).contains("AccessLogInterceptor").doesNotContain("RebuildGuard");
        }
        assertThat(interceptorsOf("/fhir/r4/metadata")).doesNotContain("AccessLogInterceptor", "RebuildGuard");
    }

    private List<String> interceptorsOf(String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = mappings.getHandler(request);
        assertThat(chain).as(path).isNotNull();
        return chain.getInterceptorList().stream().map(i -> i instanceof MappedInterceptor mapped
                ? mapped.getInterceptor().getClass().getSimpleName() : i.getClass().getSimpleName()).toList();
    }

    private static boolean matchesAny(List<String> patterns, String path) {
        return patterns.stream().anyMatch(pattern -> PATHS.match(pattern, path));
    }

    private static boolean matchesAny(String[] patterns, String path) {
        return matchesAny(List.of(patterns), path);
    }
}
