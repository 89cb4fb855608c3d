package org.hospital.platform.web;

import org.hospital.platform.error.ErrorCode;

/** The HTTP status each error code travels with (docs/api.md, Common errors); the only place that maps them. */
public final class HttpStatuses {

    private HttpStatuses() {
    }

    public static int of(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_JSON -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case NOT_ACCEPTABLE -> 406;
            case CONFLICT, NO_ROOM_AVAILABLE -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case INTERNAL_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }
}
