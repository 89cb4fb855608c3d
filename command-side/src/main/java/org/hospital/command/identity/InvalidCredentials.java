package org.hospital.command.identity;

import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;

/** The same answer for an unknown user, a wrong password and a disabled account, so none can be told apart. */
class InvalidCredentials extends DomainException {

    InvalidCredentials() {
        super(ErrorCode.UNAUTHENTICATED, "Invalid username or password");
    }
}
