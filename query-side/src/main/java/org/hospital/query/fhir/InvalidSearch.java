package org.hospital.query.fhir;

import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;

/** A search parameter the FHIR interface does not support, or a value it cannot read: 400. */
class InvalidSearch extends DomainException {

    InvalidSearch(String safeMessage) {
        super(ErrorCode.VALIDATION_FAILED, safeMessage);
    }
}
