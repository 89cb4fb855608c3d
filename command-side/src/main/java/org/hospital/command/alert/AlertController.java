package org.hospital.command.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.web.ApiResponse;
import org.hospital.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Acknowledge and resolve (CONTRACT §3). Roles are checked by the security chain; whether the caller attends the
 * encounter or works on its ward is not checked yet (a later issue adds ownership from the encounter lookups).
 */
@RestController
class AlertController {

    private final CommandGateway commands;
    private final Clock clock;

    AlertController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    record AlertStatusResponse(long id, String status) {
    }

    record ResolveRequest(@Size(max = 1000) String reason) {
    }

    @PatchMapping("/alerts/{alertId}/acknowledge")
    ApiResponse<AlertStatusResponse> acknowledge(@PathVariable @Positive long alertId) {
        CurrentUser user = CurrentUsers.required();
        AlertStatus status = send(new AcknowledgeAlert(alertId, user.userId(), clock.instant()));
        return ApiResponse.success(new AlertStatusResponse(alertId, status.wireName()));
    }

    @PatchMapping("/alerts/{alertId}/resolve")
    ApiResponse<AlertStatusResponse> resolve(@PathVariable @Positive long alertId,
                                             @RequestBody(required = false) @Valid ResolveRequest body) {
        CurrentUser user = CurrentUsers.required();
        String reason = body == null ? null : body.reason();
        AlertStatus status = send(new ResolveAlert(alertId, user.userId(), reason, clock.instant()));
        return ApiResponse.success(new AlertStatusResponse(alertId, status.wireName()));
    }

    private AlertStatus send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Alert");
        }
    }
}
