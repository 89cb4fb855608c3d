package org.hospital.query.fhir;

import jakarta.servlet.http.HttpServletRequest;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.web.HttpStatuses;
import org.hospital.platform.web.RequestIds;
import org.hospital.platform.web.UnexpectedFailures;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The FHIR routes' failures as {@code OperationOutcome}s (docs/fhir.md, Errors), before the API's envelope handler:
 * the same statuses and safe messages, in FHIR's form. Nothing from an unexpected exception reaches the caller.
 */
@RestControllerAdvice(assignableTypes = FhirController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirExceptionHandler {

    private final FhirOutput output;

    FhirExceptionHandler(FhirOutput output) {
        this.output = output;
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<byte[]> domain(DomainException e, HttpServletRequest request) {
        return answer(request, e.code(), e.getMessage());
    }

    /** A read id that is not a number names no resource here. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<byte[]> unreadableId(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return answer(request, ErrorCode.NOT_FOUND, "Resource not found");
    }

    /** Told apart as on every other route (a refusal inside it, storage unavailable, or an internal error). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        UnexpectedFailures.Answer failure = UnexpectedFailures.answer(e);
        return answer(request, failure.code(), failure.message());
    }

    private ResponseEntity<byte[]> answer(HttpServletRequest request, ErrorCode code, String message) {
        return output.error(request, HttpStatus.valueOf(HttpStatuses.of(code)),
                OperationOutcomes.of(code, message, RequestIds.current()));
    }
}
