package org.hospital.query.access;

import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;

/** The caller is authenticated but may not read this; used only where the object's existence is not private. */
public class AccessDenied extends DomainException {

    public AccessDenied() {
        super(ErrorCode.FORBIDDEN, "Access denied");
    }
}
