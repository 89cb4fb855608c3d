package org.hospital.command.encounter;

import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;

/** What can go wrong with an encounter command; the messages name no patient. */
final class EncounterExceptions {

    private EncounterExceptions() {
    }

    static final class PatientAlreadyAdmitted extends DomainException {

        PatientAlreadyAdmitted() {
            super(ErrorCode.CONFLICT, "Patient already has an active encounter");
        }
    }

    static final class RoomOccupied extends DomainException {

        RoomOccupied() {
            super(ErrorCode.CONFLICT, "Room is occupied");
        }
    }

    static final class NoRoomAvailable extends DomainException {

        NoRoomAvailable() {
            super(ErrorCode.NO_ROOM_AVAILABLE, "No room available");
        }
    }

    /** A nurse admits only into rooms of her own ward (docs/api.md, Roles). */
    static final class RoomOnAnotherWard extends DomainException {

        RoomOnAnotherWard() {
            super(ErrorCode.FORBIDDEN, "Room is not on your ward");
        }
    }

    /** A reading from before its encounter began is another stay's, or comes from a clock set wrong. */
    static final class MeasuredBeforeAdmission extends DomainException {

        MeasuredBeforeAdmission() {
            super(ErrorCode.VALIDATION_FAILED,
                    "timestamp must not be more than 24 hours before the encounter's admission");
        }
    }

    static final class NotActive extends DomainException {

        NotActive() {
            super(ErrorCode.CONFLICT, "Encounter is not active");
        }
    }

    static final class WrongPatient extends DomainException {

        WrongPatient() {
            super(ErrorCode.CONFLICT, "Encounter does not belong to this patient");
        }
    }

    static final class AlreadyInRoom extends DomainException {

        AlreadyInRoom() {
            super(ErrorCode.CONFLICT, "Patient is already in this room");
        }
    }

    /** NEWS2 has two SpO2 scales (RCP 2017, chart 1). */
    static final class InvalidSpo2Scale extends DomainException {

        InvalidSpo2Scale() {
            super(ErrorCode.VALIDATION_FAILED, "scale must be 1 or 2");
        }
    }
}
