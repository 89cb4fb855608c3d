package org.hospital.query.audit.history;

import java.time.Instant;

/**
 * One event of an encounter's history as the timeline folds it: its place in the history ({@code sequence}), when
 * it was stored ({@code occurredAt}) and the event itself (a record of {@code org.hospital.events}).
 */
record RecordedEvent(long sequence, Instant occurredAt, Object event) {
}
