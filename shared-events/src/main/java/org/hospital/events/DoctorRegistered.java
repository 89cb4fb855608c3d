package org.hospital.events;

/** A doctor was registered; {@code userId} is the login account bound to the doctor, if any. */
public record DoctorRegistered(long doctorId, String name, Long userId) {
}
