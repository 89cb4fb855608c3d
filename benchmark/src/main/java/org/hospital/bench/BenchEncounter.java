package org.hospital.bench;

/** An encounter admitted for the run: readings name both ids, and the nurse's ward covers its room. */
public record BenchEncounter(long id, long patientId) {
}
