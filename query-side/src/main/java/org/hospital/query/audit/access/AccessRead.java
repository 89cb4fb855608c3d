package org.hospital.query.audit.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A read as the interceptor saw it, before the patients it concerns are resolved (off the request thread):
 * the path template and its variables, the caller, the outcome, and the patients a many-patient read said it showed
 * (null when it said nothing).
 */
record AccessRead(Instant occurredAt, Long userId, String role, Long deviceId, String pathTemplate,
                  Map<String, String> pathVariables, Long encounterParameter, int outcome, String requestId,
                  List<PatientsShown.Shown> shown) {

    String action() {
        return "GET " + pathTemplate;
    }
}
