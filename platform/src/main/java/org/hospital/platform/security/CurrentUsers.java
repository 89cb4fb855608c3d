package org.hospital.platform.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access to the caller of the current request. */
public final class CurrentUsers {

    private CurrentUsers() {
    }

    /** The authenticated caller; the security chain guarantees one on every protected endpoint. */
    public static CurrentUser required() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            return user;
        }
        throw new AccessDeniedException("not authenticated");
    }
}
