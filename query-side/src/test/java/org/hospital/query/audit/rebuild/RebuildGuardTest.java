package org.hospital.query.audit.rebuild;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.web.ErrorResponses;
import org.hospital.platform.web.HttpStatuses;
import org.hospital.platform.web.PathErrorFormat;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import tools.jackson.databind.json.JsonMapper;

/** The 503 guard on its own: the rebuild test cannot be sure to read while a rebuild is still running. */
class RebuildGuardTest {

    private final ProjectionRebuild rebuild = mock(ProjectionRebuild.class);
    private final RebuildGuard guard = new RebuildGuard(rebuild,
            new ErrorResponses(JsonMapper.builder().build(), List.of()));

    @Test
    void answers503WithRetryAfterWhileARebuildRuns() throws Exception {
        when(rebuild.inProgress()).thenReturn(true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        boolean proceed = guard.preHandle(new MockHttpServletRequest(), response, new Object());

        assertThat(proceed).isFalse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
    }

    /** The FHIR interface's reads are guarded too, and answer in its own format (docs/fhir.md, Errors). */
    @Test
    void answersInTheFormatThePathDeclares() throws Exception {
        PathErrorFormat fhir = new PathErrorFormat() {
            @Override
            public boolean appliesTo(HttpServletRequest request) {
                return request.getRequestURI().startsWith("/fhir/");
            }

            @Override
            public void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
                response.setStatus(HttpStatuses.of(code));
                response.getWriter().write("{\"resourceType\":\"OperationOutcome\"}");
            }
        };
        RebuildGuard fhirGuard = new RebuildGuard(rebuild,
                new ErrorResponses(JsonMapper.builder().build(), List.of(fhir)));
        when(rebuild.inProgress()).thenReturn(true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        fhirGuard.preHandle(new MockHttpServletRequest("GET", "/fhir/r4/Encounter/1"), response, new Object());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("OperationOutcome");
    }

    @Test
    void letsReadsThroughWhenNoRebuildRuns() throws Exception {
        when(rebuild.inProgress()).thenReturn(false);
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(guard.preHandle(new MockHttpServletRequest(), response, new Object())).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
