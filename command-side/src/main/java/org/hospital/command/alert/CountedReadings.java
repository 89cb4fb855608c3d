package org.hospital.command.alert;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The readings an alert has already counted, so that a redelivered {@code RecordAlertRepeat} never counts twice.
 * <p>
 * Why not "reading ids above the last counted one": reading ids come from a sequence when a request arrives, and two
 * requests for one encounter (a monitor and a nurse) can store their readings in the opposite order, so a later
 * repeat may carry a lower id; a watermark would drop it. Why not every id ever counted: an alert that stays open for
 * days on a monitor sending every few seconds would carry an unbounded set. So the last {@value #WINDOW} counted ids
 * are kept exactly, and every id at or below the highest id that has left that window counts as seen. Double
 * counting is therefore impossible; the only cost is that a reading arriving more than {@value #WINDOW} repeats late
 * is not counted, which undercounts a repeat of an alert that is already open.
 */
final class CountedReadings {

    static final int WINDOW = 1_000;

    private final Deque<Long> order = new ArrayDeque<>();
    private final Set<Long> recent = new HashSet<>();
    private long forgottenUpTo;

    boolean contains(long readingId) {
        return readingId <= forgottenUpTo || recent.contains(readingId);
    }

    void add(long readingId) {
        if (contains(readingId)) {
            return;
        }
        order.addLast(readingId);
        recent.add(readingId);
        if (order.size() > WINDOW) {
            long forgotten = order.removeFirst();
            recent.remove(forgotten);
            forgottenUpTo = Math.max(forgottenUpTo, forgotten);
        }
    }
}
