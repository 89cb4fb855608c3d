package org.hospital.query.audit.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.web.RequestIds;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every read of patient data after it completed (with its outcome), and the subscription of an event
 * stream when the stream starts. Only captures what the request knew; resolving patients and writing happen on
 * the {@link AccessLogWriter}'s thread, so a read pays for a queue insertion only.
 */
class AccessLogInterceptor implements AsyncHandlerInterceptor {

    private final AccessLogWriter writer;
    private final Clock clock;

    AccessLogInterceptor(AccessLogWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
                                               Object handler) {
        // A stream's request completes only when the stream ends; the subscription is the read.
        record(request, HttpServletResponse.SC_OK);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (request.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC) {
            return;
        }
        int status = response.getStatus();
        record(request, ex != null && status < 400 ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : status);
    }

    private void record(HttpServletRequest request, int outcome) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Map<String, String> named = new HashMap<>(variables == null ? Map.of() : variables);
        if (request.getAttribute(AccessSubject.PATIENT) instanceof Long patientId) {
            named.putIfAbsent("patient_id", patientId.toString());
        }
        Long encounter = request.getAttribute(AccessSubject.ENCOUNTER) instanceof Long encounterId ? encounterId
                : encounterParameter(request);
        CurrentUser user = caller();
        writer.record(new AccessRead(Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
                user == null ? null : user.userId(), user == null ? "anonymous" : user.role().wireName(),
                user == null ? null : user.deviceId(), pattern.toString(), Map.copyOf(named), encounter, outcome,
                RequestIds.current(), PatientsShown.of(request)));
    }

    private static CurrentUser caller() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
    }

    private static Long encounterParameter(HttpServletRequest request) {
        String value = request.getParameter("encounter_id");
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
