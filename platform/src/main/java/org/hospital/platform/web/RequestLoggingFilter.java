package org.hospital.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (echoed in {@code X-Request-Id}) and writes one log line when it completes: method,
 * path, status, duration, request id and the principal. Never bodies or query strings, which may hold patient data.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLoggingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("http.request");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, requestId);
        response.setHeader(RequestIds.HEADER, requestId);
        long started = System.nanoTime();
        String principal = "-";
        try {
            chain.doFilter(request, response);
        } finally {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            // A signed-in caller or a device (the anonymous one's principal is a plain string).
            if (authentication != null && authentication.getPrincipal() instanceof Principal caller) {
                principal = caller.getName();
            }
            long micros = (System.nanoTime() - started) / 1_000;
            log.info("method={} path={} status={} duration_ms={} request_id={} principal={}",
                    request.getMethod(), request.getRequestURI(), response.getStatus(), micros / 1000.0, requestId,
                    principal);
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
