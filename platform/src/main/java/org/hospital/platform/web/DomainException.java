package org.hospital.platform.web;

/**
 * Base of the exceptions a side throws for a business reason (unknown encounter, room taken). The message must be
 * safe to show to the caller: it never contains another patient's data. The side's own exception types say what
 * went wrong; {@link ApiExceptionHandler} alone turns them into HTTP.
 */
public abstract class DomainException extends RuntimeException {

    private final ErrorCode code;

    protected DomainException(ErrorCode code, String safeMessage) {
        super(safeMessage, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
