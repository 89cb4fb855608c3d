package org.hospital.query.consistency;

/**
 * The event-store position a client asks a read to reflect ({@code ?min_position=} or {@code X-Min-Position}), taken
 * from a write response's {@code X-Event-Position}; {@link #NONE} when the client asked for nothing.
 */
public record MinPosition(Long value) {

    public static final MinPosition NONE = new MinPosition(null);

    public static MinPosition of(long value) {
        return new MinPosition(value);
    }

    public boolean requested() {
        return value != null;
    }
}
