package org.hospital.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hospital.platform.security.ErrorResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After} to every request while the application is not ready (docs/api.md,
 * Operations): the web server takes connections while the application is still starting (the demo accounts, the
 * first administrator and the processors come after it), and a sign-in answered then was refused for an account
 * that was about to exist; the same while it stops. Readiness is Spring Boot's, set once every start-up task has
 * run. The probes under {@code /actuator/health} still answer: they report that state themselves.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class StartupGate extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final ApplicationAvailability availability;
    private final ObjectProvider<ErrorResponses> errors;

    StartupGate(ApplicationAvailability availability, ObjectProvider<ErrorResponses> errors) {
        this.availability = availability;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        errors.getObject().write(response, ErrorCode.SERVICE_UNAVAILABLE,
                "The system is starting or stopping; retry shortly");
    }
}
