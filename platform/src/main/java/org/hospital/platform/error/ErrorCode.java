package org.hospital.platform.error;

/**
 * The stable machine words of the error envelope (docs/api.md, Envelope): why something was refused, in the domain's
 * words. The web layer alone decides how each travels over HTTP ({@code platform.web.HttpStatuses}).
 */
public enum ErrorCode {
    VALIDATION_FAILED,
    MALFORMED_JSON,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    CONFLICT,
    NO_ROOM_AVAILABLE,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    RATE_LIMITED,
    INTERNAL_ERROR,
    SERVICE_UNAVAILABLE
}
