package org.hospital.platform.web;

import java.util.List;
import org.hospital.platform.error.ErrorCode;

/** The error envelope of docs/api.md, Envelope. {@code details} lists offending fields; empty when none apply. */
public record ApiError(String status, String error, String code, List<FieldProblem> details, String requestId) {

    public record FieldProblem(String field, String message) {
    }

    public static ApiError of(ErrorCode code, String message, List<FieldProblem> details, String requestId) {
        return new ApiError("error", message, code.name(), details == null ? List.of() : details, requestId);
    }
}
