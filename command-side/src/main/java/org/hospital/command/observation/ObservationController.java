package org.hospital.command.observation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.command.ConflictRetry;
import org.hospital.command.encounter.EncounterAccess;
import org.hospital.command.encounter.EncounterLookups;
import org.hospital.command.encounter.RecordObservation;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.web.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /observations} (docs/api.md, Command side): doctors on encounters they attend, nurses on encounters of
 * their ward. The author is the caller's user account id ({@code author_id}), one number space for doctors and nurses,
 * the same id the event's audit metadata names as actor.
 */
@RestController
class ObservationController {

    static final int MAX_NOTE_LENGTH = 10_000;

    private final CommandGateway commands;
    private final EncounterAccess access;
    private final EncounterLookups encounters;
    private final Clock clock;

    ObservationController(CommandGateway commands, EncounterAccess access, EncounterLookups encounters, Clock clock) {
        this.commands = commands;
        this.access = access;
        this.encounters = encounters;
        this.clock = clock;
    }

    @Schema(example = """
            {"encounter_id": 1, "note": "Patient looks stable."}""")
    record ObservationRequest(@NotNull @Positive Long encounterId, @NotNull String note) {
    }

    record ObservationCreated(long id, String status) {
    }

    @PostMapping("/observations")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<ObservationCreated> record(@RequestBody @Valid ObservationRequest request) {
        String note = request.note().strip();
        if (note.isEmpty() || note.codePointCount(0, note.length()) > MAX_NOTE_LENGTH) {
            throw new InvalidNote();
        }
        if (!isStorableText(note)) {
            throw new UnstorableNote();
        }
        CurrentUser caller = CurrentUsers.required();
        access.require(caller, request.encounterId());
        long observationId = encounters.nextObservationId();
        try {
            ConflictRetry.sendAndWait(commands, new RecordObservation(observationId, request.encounterId(),
                    caller.userId(), note, clock.instant()));
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Encounter");
        }
        return ApiResponse.success(new ObservationCreated(observationId, "created"));
    }

    /**
     * Line breaks and tabs belong in a note; any other control character (NUL above all, which PostgreSQL cannot
     * keep in text, so a view could never store the note) or an unpaired surrogate does not.
     */
    static boolean isStorableText(String text) {
        return text.codePoints().noneMatch(c -> (Character.getType(c) == Character.CONTROL
                && c != '\n' && c != '\r' && c != '\t') || Character.getType(c) == Character.SURROGATE);
    }

    static final class UnstorableNote extends DomainException {

        UnstorableNote() {
            super(ErrorCode.VALIDATION_FAILED, "note must not contain control characters other than line breaks and"
                    + " tabs");
        }
    }

    /** Length is counted after trimming, so a note of blanks is empty. */
    static final class InvalidNote extends DomainException {

        InvalidNote() {
            super(ErrorCode.VALIDATION_FAILED, "note must be 1 to 10000 characters after trimming");
        }
    }
}
