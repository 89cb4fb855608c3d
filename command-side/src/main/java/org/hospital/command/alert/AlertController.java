package org.hospital.command.alert;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.command.ConflictRetry;
import org.hospital.command.encounter.EncounterAccess;
import org.hospital.events.AlertStatus;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.security.Role;
import org.hospital.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Acknowledge and resolve (docs/api.md, Command side). Roles are checked by the security chain, ownership here: an
 * admin may act on any alert, a doctor on alerts of encounters they attend, a nurse on alerts of encounters on her
 * ward. Anyone else gets the same 404 as for an unknown alert: an alert's existence tells about a patient.
 */
@RestController
class AlertController {

    private final CommandGateway commands;
    private final AlertSummaries summaries;
    private final EncounterAccess access;
    private final Clock clock;

    AlertController(CommandGateway commands, AlertSummaries summaries, EncounterAccess access, Clock clock) {
        this.commands = commands;
        this.summaries = summaries;
        this.access = access;
        this.clock = clock;
    }

    record AlertStatusResponse(long id, String status) {
    }

    /** Free text, lines allowed; other control characters and unpaired surrogates cannot be stored as text. */
    static final String FREE_TEXT = "[[^\\p{Cc}\\p{Cs}]\\t\\n\\r]*";

    @Schema(example = """
            {"reason": "Pulse back to 88 after fluids"}""")
    record ResolveRequest(@Size(max = 1000) @Pattern(regexp = FREE_TEXT,
            message = "must not contain control characters other than line breaks and tabs") String reason) {
    }

    @PatchMapping("/alerts/{alertId}/acknowledge")
    ApiResponse<AlertStatusResponse> acknowledge(@PathVariable @Positive long alertId) {
        CurrentUser user = requireAccess(alertId);
        AlertStatus status = send(new AcknowledgeAlert(alertId, user.userId(), clock.instant()));
        return ApiResponse.success(new AlertStatusResponse(alertId, status.wireName()));
    }

    @PatchMapping("/alerts/{alertId}/resolve")
    ApiResponse<AlertStatusResponse> resolve(@PathVariable @Positive long alertId,
                                             @RequestBody(required = false) @Valid ResolveRequest body) {
        CurrentUser user = requireAccess(alertId);
        String reason = body == null ? null : body.reason();
        AlertStatus status = send(new ResolveAlert(alertId, user.userId(), reason, clock.instant()));
        return ApiResponse.success(new AlertStatusResponse(alertId, status.wireName()));
    }

    private CurrentUser requireAccess(long alertId) {
        CurrentUser caller = CurrentUsers.required();
        boolean allowed = summaries.find(alertId)
                .map(summary -> caller.is(Role.ADMIN) || access.find(summary.encounterId())
                        .map(scope -> EncounterAccess.mayActOn(caller, scope)).orElse(false))
                .orElse(false);
        if (!allowed) {
            throw new NotFoundException("Alert");
        }
        return caller;
    }

    private AlertStatus send(Object command) {
        try {
            return ConflictRetry.sendAndWait(commands, command);
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Alert");
        }
    }
}
