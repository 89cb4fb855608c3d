package org.hospital.command;

import org.hospital.platform.security.EndpointRules;
import org.hospital.platform.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Which roles may call the command side's endpoints (docs/api.md, Roles). Ownership (a device's room, a nurse's ward,
 * an attending doctor) is checked in the handlers, on the data ({@code EncounterAccess}). Refresh and sign-out are
 * open: the refresh token in the body is the credential.
 */
@Component
class CommandEndpointRules implements EndpointRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.POST, "/auth/login", "/auth/refresh", "/auth/logout").permitAll()
                .requestMatchers(HttpMethod.GET, "/auth/me").authenticated()
                .requestMatchers(HttpMethod.POST, "/encounters", "/encounters/*/discharge", "/encounters/*/transfer")
                .hasAnyRole(roles(Role.ADMIN, Role.DOCTOR, Role.NURSE))
                // A clinical decision on one patient: the attending doctor or a nurse of the ward, not an admin.
                .requestMatchers(HttpMethod.PUT, "/encounters/*/spo2-scale").hasAnyRole(roles(Role.DOCTOR, Role.NURSE))
                .requestMatchers(HttpMethod.POST, "/vitals", "/vitals/batch").hasAnyRole(roles(Role.NURSE, Role.DEVICE))
                .requestMatchers(HttpMethod.PATCH, "/alerts/*/acknowledge", "/alerts/*/resolve")
                .hasAnyRole(roles(Role.ADMIN, Role.DOCTOR, Role.NURSE))
                .requestMatchers(HttpMethod.POST, "/observations").hasAnyRole(roles(Role.DOCTOR, Role.NURSE))
                .requestMatchers(HttpMethod.POST, "/patients", "/doctors", "/nurses", "/rooms", "/devices", "/users",
                        "/users/*/deactivate")
                .hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.DELETE, "/devices/*").hasRole(Role.ADMIN.name());
    }

    private static String[] roles(Role... roles) {
        String[] names = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            names[i] = roles[i].name();
        }
        return names;
    }
}
