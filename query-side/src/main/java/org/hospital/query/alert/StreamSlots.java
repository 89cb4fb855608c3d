package org.hospital.query.alert;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.hospital.query.QuerySettings;
import org.springframework.stereotype.Component;

/**
 * Bounds the open alert streams per user in this instance ({@code hospital.query.alert-stream.max-streams-per-user}):
 * every stream holds a thread, a connection and a buffer, and a runaway client must not exhaust them.
 */
@Component
class StreamSlots {

    private final int perUser;
    private final ConcurrentMap<Long, Integer> open = new ConcurrentHashMap<>();

    StreamSlots(QuerySettings settings) {
        this.perUser = settings.alertStream().maxStreamsPerUser();
    }

    boolean tryAcquire(long userId) {
        boolean[] acquired = {false};
        open.compute(userId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perUser) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    void release(long userId) {
        open.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
    }
}
