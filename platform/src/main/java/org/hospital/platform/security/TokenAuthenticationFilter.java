package org.hospital.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <jwt>}. A bearer value that is not a valid user token is left to the
 * next filter (it may be a device key); if nothing authenticates the request, the chain answers 401.
 */
class TokenAuthenticationFilter extends OncePerRequestFilter {

    private final AccessTokens tokens;

    TokenAuthenticationFilter(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        bearerToken(request).filter(token -> token.chars().filter(c -> c == '.').count() == 2)
                .flatMap(tokens::verify)
                .ifPresent(TokenAuthenticationFilter::authenticate);
        chain.doFilter(request, response);
    }

    static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim()).filter(t -> !t.isEmpty());
        }
        return Optional.empty();
    }

    static void authenticate(CurrentUser user) {
        var authentication = new UsernamePasswordAuthenticationToken(user, null,
                List.of(new SimpleGrantedAuthority(user.role().authority())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }
}
