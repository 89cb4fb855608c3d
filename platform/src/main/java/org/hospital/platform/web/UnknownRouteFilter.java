package org.hospital.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.web.ErrorResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Answers requests for routes that do not exist (404) or exist with another method (405) before the security
 * chain runs, so every caller gets the same answer whether or not it is signed in, and deny-by-default still holds
 * for every route that exists. Operational paths (actuator, API docs) and a side's {@link StaticPages} are left to
 * their own handlers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class UnknownRouteFilter extends OncePerRequestFilter {

    private static final List<String> OPERATIONAL_PREFIXES =
            List.of("/actuator", "/v3/api-docs", "/swagger-ui", "/error");

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final ObjectProvider<ErrorResponses> errors;
    private final ObjectProvider<StaticPages> staticPages;

    UnknownRouteFilter(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings,
                       ObjectProvider<ErrorResponses> errors, ObjectProvider<StaticPages> staticPages) {
        this.mappings = mappings;
        this.errors = errors;
        this.staticPages = staticPages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "OPTIONS".equals(request.getMethod())
                || OPERATIONAL_PREFIXES.stream().anyMatch(path::startsWith)
                || (("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                    && staticPages.stream().anyMatch(pages -> pages.serves(path)));
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** No content type at all is left to the handler; a present one must be a concrete, parseable media type. */
    static boolean isUsableContentType(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasBody(request) && !isUsableContentType(request.getContentType())) {
            // Spring would fail on it deep in argument resolution (a wildcard is not a content type): a 500.
            errors.getObject().write(request, response, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content type must be application/json");
            return;
        }
        try {
            if (mappings.getObject().getHandler(request) == null) {
                errors.getObject().write(request, response, ErrorCode.NOT_FOUND, "Not found");
                return;
            }
        } catch (HttpRequestMethodNotSupportedException e) {
            if (e.getSupportedMethods() != null) {
                response.setHeader("Allow", String.join(", ", e.getSupportedMethods()));
            }
            errors.getObject().write(request, response, ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
            return;
        } catch (HttpMediaTypeNotSupportedException e) {
            errors.getObject().write(request, response, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content type must be application/json");
            return;
        } catch (Exception e) {
            // Anything else is for the dispatcher to decide and report.
        }
        chain.doFilter(request, response);
    }
}
