package org.hospital.command.alert;

import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;

/** The alert is closed; nothing more can happen to it. */
class AlertAlreadyResolved extends DomainException {

    AlertAlreadyResolved() {
        super(ErrorCode.CONFLICT, "Alert is already resolved");
    }
}
