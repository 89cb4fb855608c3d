package org.hospital.events;

/** A room was added to a ward. */
public record RoomAdded(long roomId, String roomNumber, String ward) {
}
