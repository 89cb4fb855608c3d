package org.hospital.query.audit.history;

import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;

/** A query parameter that cannot be understood; the message names the parameter, never echoes its value. */
class InvalidParameter extends DomainException {

    InvalidParameter(String name, String expected) {
        super(ErrorCode.VALIDATION_FAILED, "Invalid parameter " + name + ": " + expected);
    }
}
