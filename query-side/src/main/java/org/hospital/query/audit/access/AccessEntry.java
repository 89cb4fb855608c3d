package org.hospital.query.audit.access;

import java.time.Instant;

/**
 * One entry of the access log: who ({@code userId} or {@code deviceId}, and role), which patient and encounter
 * (either may be null when the read named none), what ({@code action}: method and path template), when, the
 * outcome (HTTP status) and the request id.
 */
record AccessEntry(Instant occurredAt, Long userId, String role, Long deviceId, Long patientId, Long encounterId,
                   String action, int outcome, String requestId) {
}
