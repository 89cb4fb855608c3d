package org.hospital.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hospital.platform.web.ErrorResponses;
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

    private static final int RETRY_AFTER_SECONDS = 1;
    private static final String HEALTH_PROBES = "/actuator/health";

    private final ApplicationAvailability availability;
    private final ObjectProvider<ErrorResponses> errors;

    StartupGate(ApplicationAvailability availability, ObjectProvider<ErrorResponses> errors) {
        this.availability = availability;
        this.errors = errors;
    }

    /** Every request passes here: readiness is asked first, the path only while the application is not ready. */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC || isHealthProbe(request)) {
            chain.doFilter(request, response);
            return;
        }
        errors.getObject().writeUnavailable(request, response, RETRY_AFTER_SECONDS,
                "The system is starting or stopping; retry shortly");
    }

    private static boolean isHealthProbe(HttpServletRequest request) {
        return request.getRequestURI().startsWith(HEALTH_PROBES, request.getContextPath().length());
    }
}
