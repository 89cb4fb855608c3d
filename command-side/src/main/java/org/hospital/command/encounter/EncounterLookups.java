package org.hospital.command.encounter;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** What other command-side features may ask about encounters: which one is in a room, and the next reading id. */
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
}
