package org.hospital.query.alert;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * A client that closes its alert stream is routine: the container then ends the request with the write error, which
 * the shared exception handler would log as an unexpected failure and try to answer with JSON on an event stream.
 * Consulted before it, for the stream only.
 */
@RestControllerAdvice(assignableTypes = AlertStreamController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AlertStreamErrors {

    private static final Logger log = LoggerFactory.getLogger(AlertStreamErrors.class);

    /** Nothing can be written any more; taking the response marks the request as handled. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e, HttpServletResponse response) {
        log.debug("Alert stream client went away: {}", e.getMessage());
    }
}
