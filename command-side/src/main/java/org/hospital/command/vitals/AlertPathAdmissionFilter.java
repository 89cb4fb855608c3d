package org.hospital.command.vitals;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hospital.platform.web.ErrorResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses readings with 503 and {@code Retry-After} while the writers fall behind ({@link
 * ReadingGroupCommit#isBacklogged()}) or {@link AlertPathAdmission} limits them, before the
 * request's body is read or its token checked: under overload a refusal must cost the box as little as possible,
 * since every cycle it spends goes missing from the alerts. Nothing of a refused request is stored; the device or
 * gateway keeps the reading and sends it again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class AlertPathAdmissionFilter extends OncePerRequestFilter {

    static final int RETRY_AFTER_SECONDS = 1;

    private final ReadingGroupCommit writers;
    private final AlertPathAdmission admission;
    private final ObjectProvider<ErrorResponses> errors;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    AlertPathAdmissionFilter(ReadingGroupCommit writers, AlertPathAdmission admission, VitalsSettings settings,
                             ObjectProvider<ErrorResponses> errors) {
        this.writers = writers;
        this.maxInFlight = settings.maxInFlight();
        this.admission = admission;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/vitals") && !path.equals("/vitals/batch");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = admit(inFlight.incrementAndGet());
            if (admitted) {
                chain.doFilter(request, response);
            }
        } finally {
            inFlight.decrementAndGet();
        }
        if (admitted) {
            return;
        }
        refuse(request, response);
    }

    private boolean admit(int inFlight) {
        if (inFlight > maxInFlight) {
            admission.refused(AlertPathAdmission.Refusal.IN_FLIGHT);
            return false;
        }
        if (writers.isBacklogged()) {
            admission.refused(AlertPathAdmission.Refusal.WRITERS_BEHIND);
            return false;
        }
        if (!admission.tryAdmit()) {
            admission.refused(AlertPathAdmission.Refusal.ALERT_PATH_BEHIND);
            return false;
        }
        return true;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.getObject().writeUnavailable(request, response, RETRY_AFTER_SECONDS, "More readings arrive than can be stored "
                + "and checked for alerts in time; nothing was stored, retry shortly");
    }
}
