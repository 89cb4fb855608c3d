package org.hospital.command.encounter;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.command.ConflictRetry;
import org.hospital.command.encounter.EncounterCommandHandler.Admission;
import org.hospital.command.encounter.EncounterCommands.AdmitPatient;
import org.hospital.command.encounter.EncounterCommands.ChangeSpo2Scale;
import org.hospital.command.encounter.EncounterCommands.DischargePatient;
import org.hospital.command.encounter.EncounterCommands.TransferPatient;
import org.hospital.command.position.EventPositions;
import org.hospital.command.registry.RegistryLookups.RoomInfo;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.security.Role;
import org.hospital.platform.web.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admission, discharge and transfer (docs/api.md, Command side). Answers come after the command's transaction
 * committed. Roles are checked by the security chain, ownership here ({@link EncounterAccess}): a nurse admits only
 * into rooms of her ward and discharges or transfers only encounters on it (she may transfer a patient out to another
 * ward); a doctor discharges or transfers only encounters they attend; an admin any. Any doctor may admit, under any
 * attending doctor (admitting for a colleague is routine). The NEWS2 SpO2 scale is a clinical decision: only the
 * attending doctor or a nurse of the ward may change it (the security chain refuses other roles, admins included); who
 * did is in the event's audit metadata.
 */
@RestController
class EncounterController {

    private final CommandGateway commands;
    private final EncounterAccess access;
    private final Clock clock;

    EncounterController(CommandGateway commands, EncounterAccess access, Clock clock) {
        this.commands = commands;
        this.access = access;
        this.clock = clock;
    }

    /** Without room_id the first free room is picked. */
    @Schema(example = """
            {"patient_id": 1, "doctor_id": 1, "room_id": 1}""")
    record AdmitRequest(@NotNull @Positive Long patientId, @NotNull @Positive Long doctorId, @Positive Long roomId) {
    }

    @Schema(example = """
            {"room_id": 2}""")
    record TransferRequest(@NotNull @Positive Long roomId) {
    }

    record EncounterResponse(long id, long patientId, long doctorId, long roomId, String roomNumber, String status,
                             Instant admittedAt) {
    }

    record EncounterStatus(long id, String status) {
    }

    @Schema(example = """
            {"scale": 2}""")
    record Spo2ScaleRequest(@NotNull @Min(1) @Max(2) Integer scale) {
    }

    record Spo2ScaleResponse(long encounterId, int spo2Scale) {
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

    /** Choosing the scale already in force stores nothing and answers the same. */
    @PutMapping("/encounters/{encounterId}/spo2-scale")
    ApiResponse<Spo2ScaleResponse> changeSpo2Scale(@PathVariable @Positive long encounterId,
                                                   @RequestBody @Valid Spo2ScaleRequest request) {
        CurrentUser caller = CurrentUsers.required();
        access.require(caller, encounterId);
        int scale = send(new ChangeSpo2Scale(encounterId, request.scale(), caller.userId(), clock.instant()));
        // Unchanged, the answer still reflects stored state: the position is then the encounter's latest event.
        EventPositions.includeLatestOf(Encounter.aggregateId(encounterId));
        return ApiResponse.success(new Spo2ScaleResponse(encounterId, scale));
    }

    private <R> R send(Object command) {
        try {
            return ConflictRetry.sendAndWait(commands, command);
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Encounter");
        }
    }
}
