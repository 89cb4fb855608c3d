package org.hospital.command.encounter;

import java.util.List;

/**
 * Store several readings (one {@code POST /vitals} or a whole batch) in one unit of work and one transaction. Each
 * reading gets its own {@link ReadingOutcome}: one that cannot be stored does not stop the others.
 */
public record RecordReadings(List<RecordVitals> readings) {

    public RecordReadings {
        readings = List.copyOf(readings);
    }
}
