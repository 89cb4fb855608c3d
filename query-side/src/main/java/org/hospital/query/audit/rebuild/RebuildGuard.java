package org.hospital.query.audit.rebuild;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hospital.platform.web.ErrorResponses;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * While a rebuild runs, the views being rebuilt answer 503 (docs/api.md, Envelope, {@code Retry-After}) instead of
 * partial data. Registered only on the rebuilt views' paths ({@code PatientReads.fromRebuiltViews()}); it runs after
 * the security chain, so an unauthenticated caller still gets 401 and learns nothing about the rebuild.
 */
class RebuildGuard implements HandlerInterceptor {

    private static final int RETRY_AFTER_SECONDS = 5;

    private final ProjectionRebuild rebuild;
    private final ErrorResponses errors;

    RebuildGuard(ProjectionRebuild rebuild, ErrorResponses errors) {
        this.rebuild = rebuild;
        this.errors = errors;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!rebuild.inProgress()) {
            return true;
        }
        errors.writeUnavailable(request, response, RETRY_AFTER_SECONDS,
                "This view is being rebuilt; retry shortly (progress: GET /admin/projections/rebuild)");
        return false;
    }
}
