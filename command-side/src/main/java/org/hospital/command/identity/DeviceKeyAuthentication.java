package org.hospital.command.identity;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.AuthenticationContributor;
import org.hospital.platform.security.Authentications;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.web.ErrorResponses;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Devices authenticate with their key, in {@code X-Device-Key} or as a bearer value that is not a JWT. The filter is
 * built here rather than declared as a bean so that it runs only inside the security chain.
 */
@Component
class DeviceKeyAuthentication implements AuthenticationContributor {

    static final String HEADER = "X-Device-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final UserAccounts accounts;
    private final ErrorResponses errors;

    DeviceKeyAuthentication(UserAccounts accounts, ErrorResponses errors) {
        this.accounts = accounts;
        this.errors = errors;
    }

    @Override
    public Filter authenticationFilter() {
        return new DeviceKeyFilter();
    }

    static Optional<String> deviceKey(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.trim());
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = authorization.substring(7).trim();
            boolean looksLikeJwt = value.chars().filter(c -> c == '.').count() == 2;
            if (!value.isEmpty() && !looksLikeJwt) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private final class DeviceKeyFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (SecurityContextHolder.getContext().getAuthentication() != null) {
                chain.doFilter(request, response);
                return;
            }
            Optional<String> key = deviceKey(request);
            if (key.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            Optional<CurrentUser> device = key.get().length() > MAX_KEY_LENGTH
                    ? Optional.empty() : accounts.findActiveDevice(key.get());
            if (device.isEmpty()) {
                errors.write(request, response, ErrorCode.UNAUTHENTICATED, "Invalid device key");
                return;
            }
            Authentications.authenticate(device.get());
            chain.doFilter(request, response);
        }
    }
}
