package org.hospital.query.audit.access;

import java.time.Instant;
import java.util.Map;

/**
 * A read as the interceptor saw it, before the patients it concerns are resolved (off the request thread):
 * the path template and its variables, the caller, the outcome.
 */
record AccessRead(Instant occurredAt, Long userId, String role, Long deviceId, String pathTemplate,
                  Map<String, String> pathVariables, Long encounterParameter, int outcome, String requestId) {

    String action() {
        return "GET " + pathTemplate;
    }
}
