package org.hospital.platform.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.web.ApiError.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place that turns exceptions into the contract's error envelope. Messages are fixed texts or
 * {@link DomainException} messages written to be safe; nothing from an unexpected exception reaches the caller.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> domain(DomainException e) {
        ResponseEntity<ApiError> answer = respond(e.code(), e.getMessage(), List.of());
        return e.retryAfter().map(wait -> ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DomainException.retryAfterSeconds(wait)))
                .body(answer.getBody())).orElse(answer);
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ApiError> invalidBody(BindException e) {
        List<FieldProblem> details = new ArrayList<>();
        e.getFieldErrors().forEach(f -> details.add(new FieldProblem(snake(f.getField()), f.getDefaultMessage())));
        e.getGlobalErrors().forEach(g -> details.add(new FieldProblem(null, g.getDefaultMessage())));
        return respond(ErrorCode.VALIDATION_FAILED, "Validation failed", details);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e) {
        List<FieldProblem> details = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new FieldProblem(wireName(r.getMethodParameter()), err.getDefaultMessage())))
                .collect(Collectors.toList());
        return respond(ErrorCode.VALIDATION_FAILED, "Validation failed", details);
    }

    /** The name the client used (a query parameter's or header's), not the Java parameter's. */
    private static String wireName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        return parameter.getParameterName();
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            MissingRequestHeaderException.class})
    ResponseEntity<ApiError> badParameter(Exception e) {
        String name = switch (e) {
            case MethodArgumentTypeMismatchException m -> m.getName();
            case MissingServletRequestParameterException m -> m.getParameterName();
            case MissingRequestHeaderException m -> m.getHeaderName();
            default -> null;
        };
        return respond(ErrorCode.VALIDATION_FAILED, "Invalid request parameter",
                List.of(new FieldProblem(name, "missing or not of the expected type")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return respond(ErrorCode.VALIDATION_FAILED, "Unknown field",
                    List.of(new FieldProblem(path(unknown), "unknown field")));
        }
        if (cause instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
            return respond(ErrorCode.VALIDATION_FAILED, "Invalid value",
                    List.of(new FieldProblem(path(mapping), "invalid value or type")));
        }
        if (cause instanceof JacksonException || e.getCause() == null) {
            return respond(ErrorCode.MALFORMED_JSON, "Malformed JSON request body", List.of());
        }
        return respond(ErrorCode.MALFORMED_JSON, "Malformed JSON request body", List.of());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ApiError> denied(Exception e) {
        return respond(ErrorCode.FORBIDDEN, "Access denied", List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return respond(ErrorCode.NOT_FOUND, "Not found", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return respond(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content type must be application/json", List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return respond(ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatuses.of(ErrorCode.NOT_ACCEPTABLE)).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(ErrorCode.NOT_ACCEPTABLE, "Only application/json (or text/event-stream for streams)",
                        List.of(), RequestIds.current()));
    }

    /** The client went away (a closed stream, for example): nothing to answer and nothing wrong on our side. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("Client disconnected during request {}", RequestIds.current());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        DomainException domain = findCause(e, DomainException.class);
        if (domain != null) {
            return domain(domain);
        }
        UnexpectedFailures.Answer answer = UnexpectedFailures.answer(e);
        return respond(answer.code(), answer.message(), List.of());
    }

    /**
     * True when the cause chain shows that PostgreSQL (or another store) could not be reached, or went away in the
     * middle of the request. A failed rollback hides the original failure in its application exception, so that is
     * followed too.
     */
    static boolean isStorageUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && isConnectionLost(sql)) {
                return true;
            }
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isStorageUnavailable(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL states of class 08 (connection exception), 53 (insufficient resources, such as too many connections) and
     * 57P (the server shutting down or starting up), and HikariCP's refusal to use a connection that it has already
     * evicted as broken, which carries no SQL state.
     */
    private static boolean isConnectionLost(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            return "Connection is closed".equals(sql.getMessage());
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
    }

    static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ResponseEntity<ApiError> respond(ErrorCode code, String message, List<FieldProblem> details) {
        return ResponseEntity.status(HttpStatuses.of(code))
                .body(ApiError.of(code, message, details, RequestIds.current()));
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String snake(String camel) {
        return camel == null ? null : camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
