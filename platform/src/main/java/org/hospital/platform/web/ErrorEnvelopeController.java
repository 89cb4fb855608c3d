package org.hospital.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.hospital.platform.error.ErrorCode;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (an exception outside MVC, a request rejected by the container) in the
 * contract's envelope instead of Spring Boot's default body. Says only the status's code: the detail is in the log.
 */
@RestController
class ErrorEnvelopeController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request, HttpServletResponse response) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int httpStatus = status instanceof Integer code ? code : 500;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && ApiExceptionHandler.isStorageUnavailable(failure)) {
            // PostgreSQL could not be reached before a controller ran (in a filter): the same answer as in one.
            httpStatus = HttpStatuses.of(ErrorCode.SERVICE_UNAVAILABLE);
            response.setStatus(httpStatus);
        }
        ErrorCode code = switch (httpStatus) {
            case 400 -> ErrorCode.MALFORMED_JSON;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> httpStatus >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED;
        };
        String message = switch (code) {
            case SERVICE_UNAVAILABLE -> "Service temporarily unavailable";
            case INTERNAL_ERROR -> "Internal error";
            default -> "Request rejected";
        };
        // The error dispatch may come after the request's own filters finished; its id is on the response.
        String requestId = RequestIds.current() != null ? RequestIds.current() : response.getHeader(RequestIds.HEADER);
        return ResponseEntity.status(httpStatus).body(ApiError.of(code, message, List.of(), requestId));
    }
}
