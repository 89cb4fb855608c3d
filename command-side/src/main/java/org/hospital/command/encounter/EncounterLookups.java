package org.hospital.command.encounter;

import java.util.List;
import org.springframework.stereotype.Component;

/** What other command-side features ask of the encounter feature: reading and observation ids from its sequences. */
@Component
public class EncounterLookups {

    private final EncounterIds ids;

    EncounterLookups(EncounterIds ids) {
        this.ids = ids;
    }

    public List<Long> nextReadingIds(int count) {
        return count == 0 ? List.of() : ids.nextReadingIds(count);
    }

    public long nextObservationId() {
        return ids.nextObservationId();
    }
}
