package org.hospital.platform.security;

import jakarta.servlet.Filter;

/**
 * Another way in besides user tokens (a device key, for example). The filter is placed after the token filter and
 * must leave the request unauthenticated when its credential is absent, and answer 401 itself when it is invalid.
 */
@FunctionalInterface
public interface AuthenticationContributor {

    Filter authenticationFilter();
}
