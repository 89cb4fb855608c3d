package org.hospital.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hospital.platform.error.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes errors from filters, where the MVC exception handler does not reach: in the format a side declared for the
 * request's path ({@link PathErrorFormat}), else the error envelope.
 */
public final class ErrorResponses {

    private final JsonMapper json;
    private final List<PathErrorFormat> pathFormats;

    public ErrorResponses(JsonMapper json, List<PathErrorFormat> pathFormats) {
        this.json = json;
        this.pathFormats = List.copyOf(pathFormats);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
            throws IOException {
        for (PathErrorFormat format : pathFormats) {
            if (format.appliesTo(request)) {
                format.write(response, code, message);
                return;
            }
        }
        response.setStatus(HttpStatuses.of(code));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(code, message, List.of(), RequestIds.current()));
    }

    /** 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After}: nothing was done, the same request may come again. */
    public void writeUnavailable(HttpServletRequest request, HttpServletResponse response, int retryAfterSeconds,
                                 String message) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        write(request, response, ErrorCode.SERVICE_UNAVAILABLE, message);
    }
}
