package org.hospital.command.encounter;

/** Encounter and reading ids come from database sequences, so they are unique across every instance. */
interface EncounterIds {

    long nextEncounterId();

    long nextReadingId();
}
