package org.hospital.platform.web;

import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a caller is told of an exception no handler expected, for every route whatever its error format (the API's
 * envelope, the FHIR interface's OperationOutcome): the refusal inside it, 503 when the storage is unavailable, else
 * 500; logged here, with the stack trace in the log only.
 */
public final class UnexpectedFailures {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedFailures.class);

    /** The code and a message safe to show. */
    public record Answer(ErrorCode code, String message) {
    }

    private UnexpectedFailures() {
    }

    public static Answer answer(Exception e) {
        DomainException domain = ApiExceptionHandler.findCause(e, DomainException.class);
        if (domain != null) {
            return new Answer(domain.code(), domain.getMessage());
        }
        if (ApiExceptionHandler.isStorageUnavailable(e)) {
            // One line, not a stack trace: during an outage every request ends here, and the cause says it all.
            // toString(): SLF4J would take a last Throwable argument for the stack trace to print.
            log.warn("Storage unavailable while serving request {}: {}", RequestIds.current(),
                    ApiExceptionHandler.rootCause(e).toString());
            return new Answer(ErrorCode.SERVICE_UNAVAILABLE, "Service temporarily unavailable");
        }
        log.error("Unexpected error while serving request {}", RequestIds.current(), e);
        return new Answer(ErrorCode.INTERNAL_ERROR, "Internal error");
    }
}
