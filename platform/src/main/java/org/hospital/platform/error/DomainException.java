package org.hospital.platform.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Base of the exceptions a side throws for a business reason (unknown encounter, room taken). The message must be
 * safe to show to the caller: it never contains another patient's data. The side's own exception types say what
 * went wrong; {@link ApiExceptionHandler} alone turns them into HTTP.
 */
public abstract class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    protected DomainException(ErrorCode code, String safeMessage) {
        this(code, safeMessage, null);
    }

    /** A refusal the caller may try again after {@code retryAfter}: the answer carries {@code Retry-After}. */
    protected DomainException(ErrorCode code, String safeMessage, Duration retryAfter) {
        super(safeMessage, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    /** When the caller may try again, if the refusal says so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whole seconds, rounded up and at least one, as the {@code Retry-After} header wants them. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
