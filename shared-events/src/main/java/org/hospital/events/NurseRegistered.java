package org.hospital.events;

/** A nurse was registered on a ward; {@code userId} is the login account bound to the nurse, if any. */
public record NurseRegistered(long nurseId, String name, String ward, Long userId) {
}
