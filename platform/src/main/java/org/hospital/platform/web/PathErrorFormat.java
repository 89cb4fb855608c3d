package org.hospital.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hospital.platform.error.ErrorCode;

/**
 * A side's own error body for a family of its paths, used where filters answer before any controller (no token,
 * a role that may not call the route, an unknown route or method). The FHIR interface answers its errors as FHIR
 * {@code OperationOutcome}s (docs/fhir.md, Errors); every other path keeps the error envelope.
 */
public interface PathErrorFormat {

    boolean appliesTo(HttpServletRequest request);

    /** Writes the whole answer: status, content type and body. */
    void write(HttpServletResponse response, ErrorCode code, String message) throws IOException;
}
