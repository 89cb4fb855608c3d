package org.hospital.query.fhir;

import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;

/** The client asked for a format other than FHIR JSON (XML, for example): 406. */
class NotAcceptable extends DomainException {

    NotAcceptable() {
        super(ErrorCode.NOT_ACCEPTABLE, "Only FHIR JSON (application/fhir+json or application/json) is served");
    }
}
