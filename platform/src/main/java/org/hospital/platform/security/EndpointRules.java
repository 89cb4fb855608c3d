package org.hospital.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A side's contribution to the single security filter chain: which roles may call its endpoints. Everything no
 * side names is denied. Ownership (a doctor's own patients) is checked in the side itself, on the data.
 */
@FunctionalInterface
public interface EndpointRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
