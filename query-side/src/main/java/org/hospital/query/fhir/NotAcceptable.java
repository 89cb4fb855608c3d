package org.hospital.query.fhir;

import org.hospital.platform.web.DomainException;
import org.hospital.platform.web.ErrorCode;

/** The client asked for a format other than FHIR JSON (XML, for example): 406. */
class NotAcceptable extends DomainException {

    NotAcceptable() {
        super(ErrorCode.NOT_ACCEPTABLE, "Only FHIR JSON (application/fhir+json or application/json) is served");
    }
}
