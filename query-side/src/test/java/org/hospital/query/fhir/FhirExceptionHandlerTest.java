package org.hospital.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** Failures on the FHIR routes are told apart as on every other route, and answered as OperationOutcomes. */
class FhirExceptionHandlerTest {

    private final FhirExceptionHandler handler = new FhirExceptionHandler(new FhirOutput(FhirContext.forR4Cached()));

    @Test
    void answers503WhenTheDatabaseIsUnavailableAnd500ForAnythingElseWithoutItsMessage() {
        ResponseEntity<byte[]> outage = handler.unexpected(
                new DataAccessResourceFailureException("Connection refused"), request());
        assertThat(outage.getStatusCode().value()).isEqualTo(503);
        assertThat(body(outage)).contains("OperationOutcome").doesNotContain("Connection refused");

        ResponseEntity<byte[]> bug = handler.unexpected(new IllegalStateException("secret detail"), request());
        assertThat(bug.getStatusCode().value()).isEqualTo(500);
        assertThat(body(bug)).contains("OperationOutcome").doesNotContain("secret detail");
    }

    private static MockHttpServletRequest request() {
        return new MockHttpServletRequest("GET", "/fhir/r4/Patient/1");
    }

    private static String body(ResponseEntity<byte[]> response) {
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }
}
