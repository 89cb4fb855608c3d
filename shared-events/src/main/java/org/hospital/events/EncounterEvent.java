package org.hospital.events;

/**
 * An event that belongs to one encounter. Kafka keys such events by encounter id so that every consumer sees
 * one encounter's events in the order they were stored.
 */
public interface EncounterEvent {

    long encounterId();
}
