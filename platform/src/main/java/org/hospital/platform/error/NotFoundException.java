package org.hospital.platform.error;

/** The object does not exist, or the caller may not know that it exists. */
public class NotFoundException extends DomainException {

    public NotFoundException(String what) {
        super(ErrorCode.NOT_FOUND, what + " not found");
    }
}
