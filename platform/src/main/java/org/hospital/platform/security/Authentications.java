package org.hospital.platform.security;

/** Lets an {@link AuthenticationContributor} establish the caller the same way the token filter does. */
public final class Authentications {

    private Authentications() {
    }

    public static void authenticate(CurrentUser user) {
        TokenAuthenticationFilter.authenticate(user);
    }
}
