package org.hospital.command.vitals;

import java.util.List;
import org.hospital.command.encounter.NewReading;

/**
 * Store several readings (one {@code POST /vitals} or a whole batch) in one unit of work and one transaction. Each
 * reading gets its own {@link ReadingOutcome}: one that cannot be stored does not stop the others.
 */
public record RecordReadings(List<NewReading> readings) {

    public RecordReadings {
        readings = List.copyOf(readings);
    }
}
