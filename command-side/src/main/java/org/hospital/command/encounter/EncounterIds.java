package org.hospital.command.encounter;

import java.util.List;

/** Encounter and reading ids come from database sequences, so they are unique across every instance. */
interface EncounterIds {

    long nextEncounterId();

    /** {@code count} reading ids from one round trip (a batch). */
    List<Long> nextReadingIds(int count);

    long nextObservationId();
}
