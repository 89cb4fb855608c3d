package org.hospital.command.encounter;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What other command-side features may ask about encounters: which one is in a room, and ids from the sequences. */
@Component
public class EncounterLookups {

    private final Occupancy occupancy;
    private final EncounterIds ids;

    EncounterLookups(Occupancy occupancy, EncounterIds ids) {
        this.occupancy = occupancy;
        this.ids = ids;
    }

    public Optional<Long> encounterInRoom(long roomId) {
        return occupancy.encounterInRoom(roomId);
    }

    public long nextReadingId() {
        return ids.nextReadingId();
    }

    public List<Long> nextReadingIds(int count) {
        return count == 0 ? List.of() : ids.nextReadingIds(count);
    }

    public long nextObservationId() {
        return ids.nextObservationId();
    }
}
