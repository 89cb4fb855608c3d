package org.hospital.query.consistency;

import org.springframework.http.ResponseEntity;

/**
 * Whether a read reflects the position the client asked for. Reported in {@code X-Position-Reached} when one was
 * asked for; when false the data may be older than the client's write, and the answer is still a normal 200.
 */
public record Freshness(boolean requested, boolean reached) {

    public static final String HEADER = "X-Position-Reached";

    static final Freshness NOT_REQUESTED = new Freshness(false, true);

    /** A 200 with {@code body}, and {@code X-Position-Reached} if a position was asked for. */
    public <T> ResponseEntity<T> ok(T body) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (requested) {
            response.header(HEADER, Boolean.toString(reached));
        }
        return response.body(body);
    }
}
