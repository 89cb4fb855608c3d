package org.hospital.command.encounter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.command.encounter.EncounterCommandHandler.Admission;
import org.hospital.command.encounter.EncounterCommands.AdmitPatient;
import org.hospital.command.encounter.EncounterCommands.DischargePatient;
import org.hospital.command.encounter.EncounterCommands.TransferPatient;
import org.hospital.command.registry.RegistryLookups.RoomInfo;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.security.Role;
import org.hospital.platform.web.ApiResponse;
import org.hospital.platform.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admission, discharge and transfer (CONTRACT §3). Answers come after the command's transaction committed. Roles
 * are checked by the security chain, ownership here ({@link EncounterAccess}): a nurse admits only into rooms of her
 * ward and discharges or transfers only encounters on it (she may transfer a patient out to another ward); a doctor
 * discharges or transfers only encounters they attend; an admin any. Any doctor may admit, under any attending
 * doctor (admitting for a colleague is routine).
 */
@RestController
class EncounterController {

    private final CommandGateway commands;
    private final EncounterAccess access;

    EncounterController(CommandGateway commands, EncounterAccess access) {
        this.commands = commands;
        this.access = access;
    }

    record AdmitRequest(@NotNull @Positive Long patientId, @NotNull @Positive Long doctorId, @Positive Long roomId) {
    }

    record TransferRequest(@NotNull @Positive Long roomId) {
    }

    record EncounterResponse(long id, long patientId, long doctorId, long roomId, String roomNumber, String status,
                             Instant admittedAt) {
    }

    record EncounterStatus(long id, String status) {
    }

    record TransferResponse(long id, long roomId, String roomNumber, String status) {
    }

    @PostMapping("/encounters")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<EncounterResponse> admit(@RequestBody @Valid AdmitRequest request) {
        CurrentUser caller = CurrentUsers.required();
        String onlyWard = caller.is(Role.NURSE) ? caller.ward() : null;
        if (caller.is(Role.NURSE) && onlyWard == null) {
            throw new EncounterExceptions.RoomOnAnotherWard();
        }
        Admission admission = commands.sendAndWait(
                new AdmitPatient(request.patientId(), request.doctorId(), request.roomId(), onlyWard));
        return ApiResponse.success(new EncounterResponse(admission.encounterId(), admission.patientId(),
                admission.doctorId(), admission.roomId(), admission.roomNumber(), "active", admission.admittedAt()));
    }

    @PostMapping("/encounters/{encounterId}/discharge")
    ApiResponse<EncounterStatus> discharge(@PathVariable @Positive long encounterId) {
        access.require(CurrentUsers.required(), encounterId);
        send(new DischargePatient(encounterId));
        return ApiResponse.success(new EncounterStatus(encounterId, "discharged"));
    }

    @PostMapping("/encounters/{encounterId}/transfer")
    ApiResponse<TransferResponse> transfer(@PathVariable @Positive long encounterId,
                                           @RequestBody @Valid TransferRequest request) {
        access.require(CurrentUsers.required(), encounterId);
        RoomInfo room = send(new TransferPatient(encounterId, request.roomId()));
        return ApiResponse.success(new TransferResponse(encounterId, room.id(), room.roomNumber(), "active"));
    }

    private <R> R send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Encounter");
        }
    }
}
