package org.hospital.query.audit.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One event of {@code GET /encounters/{id}/history} (docs/api.md, Query side): its 0-based place in the encounter's
 * history, the event type, when it was stored, who caused it, through which request and from where, and the event
 * itself.
 */
record HistoryEntry(long sequence, String type, Instant timestamp, Actor actor, String requestId,
                    String clientAddress, JsonNode payload) {

    /**
     * A user ({@code user_id} and role) or a device ({@code device_id}, role {@code device}); null when the event
     * had no human or device cause (the alerting engine's own events).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Actor(Long userId, Long deviceId, String role) {

        static Actor of(Long userId, String role, Long deviceId) {
            if (deviceId != null) {
                return new Actor(null, deviceId, "device");
            }
            if (userId == null && role == null) {
                return null;
            }
            return new Actor(userId, null, role);
        }
    }
}
