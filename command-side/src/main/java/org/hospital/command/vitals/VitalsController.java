package org.hospital.command.vitals;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.command.encounter.EncounterLookups;
import org.hospital.command.encounter.RecordVitals;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.security.Role;
import org.hospital.platform.web.ApiResponse;
import org.hospital.platform.web.DomainException;
import org.hospital.platform.web.ErrorCode;
import org.hospital.platform.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /vitals}: one reading, answered 201 only after its event is committed to the event store. A device
 * may post only for the encounter currently in its room; a nurse's ward is not checked yet (a later issue).
 */
@RestController
class VitalsController {

    /** Device clocks drift; a reading from further ahead than this is a wrong clock, not a measurement. */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private final CommandGateway commands;
    private final EncounterLookups encounters;
    private final Clock clock;

    VitalsController(CommandGateway commands, EncounterLookups encounters, Clock clock) {
        this.commands = commands;
        this.encounters = encounters;
        this.clock = clock;
    }

    record VitalsReceived(long id, String status) {
    }

    @PostMapping("/vitals")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<VitalsReceived> record(@RequestBody @Valid VitalsRequest request) {
        CurrentUser caller = CurrentUsers.required();
        Instant receivedAt = clock.instant();
        if (request.timestamp().isAfter(receivedAt.plus(MAX_CLOCK_AHEAD))) {
            throw new TimestampInFuture();
        }
        if (caller.is(Role.DEVICE) && !encounters.encounterInRoom(caller.roomId())
                .map(id -> id.equals(request.encounterId())).orElse(false)) {
            throw new NotThisDevicesRoom();
        }
        long readingId = encounters.nextReadingId();
        String source = caller.is(Role.DEVICE) ? "device:" + caller.deviceId() : "user:" + caller.userId();
        try {
            commands.sendAndWait(new RecordVitals(readingId, request.encounterId(), request.patientId(),
                    request.timestamp(), request.hrBpm(), request.spo2Pct(), request.tempC(), request.bpSystolic(),
                    request.bpDiastolic(), request.respRate(), request.onOxygen(), request.consciousness(),
                    request.deviceFlags(), receivedAt, source));
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Encounter");
        }
        return ApiResponse.success(new VitalsReceived(readingId, "received"));
    }

    static final class TimestampInFuture extends DomainException {

        TimestampInFuture() {
            super(ErrorCode.VALIDATION_FAILED, "timestamp must not be more than 5 minutes in the future");
        }
    }

    static final class NotThisDevicesRoom extends DomainException {

        NotThisDevicesRoom() {
            super(ErrorCode.FORBIDDEN, "This device may only post vitals for the encounter in its room");
        }
    }
}
