package org.hospital.query.board;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.web.ApiResponse;
import org.hospital.query.access.AccessDenied;
import org.hospital.query.access.AccessGuard;
import org.hospital.query.audit.access.PatientsShown;
import org.hospital.query.consistency.Freshness;
import org.hospital.query.consistency.MinPosition;
import org.hospital.query.consistency.ReadYourWrites;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ward board's reads (docs/api.md, Ward board). Who sees which beds follows docs/api.md, Roles: a nurse her own
 * ward (another ward is refused with 403: wards, like rooms, are not private), a doctor the patients he attends, an
 * administrator any ward he names.
 */
@RestController
class BoardController {

    private final WardBoard board;
    private final TrendViews trends;
    private final AccessGuard access;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    BoardController(WardBoard board, TrendViews trends, AccessGuard access, ReadYourWrites readYourWrites,
                    Clock clock) {
        this.board = board;
        this.trends = trends;
        this.access = access;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    @GetMapping("/board")
    ApiResponse<Board> board(@RequestParam(name = "ward", required = false) @Size(min = 1, max = 100) String ward) {
        CurrentUser user = CurrentUsers.required();
        Board answer = switch (user.role()) {
            case NURSE -> {
                if (user.ward() == null || (ward != null && !ward.equals(user.ward()))) {
                    throw new AccessDenied();
                }
                yield new Board("ward", user.ward(), List.of(user.ward()), clock.instant(),
                        board.tiles(user.ward(), null));
            }
            case DOCTOR -> {
                if (user.doctorId() == null) {
                    throw new AccessDenied();
                }
                yield new Board("doctor", ward, List.of(), clock.instant(), board.tiles(ward, user.doctorId()));
            }
            // No ward named: the wards to choose from and no beds (a whole hospital is not a board).
            case ADMIN -> new Board("ward", ward, board.wards(), clock.instant(),
                    ward == null ? List.of() : board.tiles(ward, null));
            default -> throw new AccessDenied();
        };
        PatientsShown.note(answer.tiles().stream()
                .map(tile -> new PatientsShown.Shown(tile.patient().id(), tile.encounterId())).toList());
        return ApiResponse.success(answer);
    }

    @GetMapping("/encounters/{encounter_id}/trend")
    ResponseEntity<ApiResponse<Trend>> trend(@PathVariable("encounter_id") @Positive long encounterId,
                                             @RequestParam(name = "hours", defaultValue = "24") @Min(1) @Max(72)
                                             int hours, MinPosition minPosition) {
        Freshness freshness = readYourWrites.awaitEncounter(encounterId, minPosition);
        access.requireVisibleEncounter(encounterId);
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofHours(hours));
        return freshness.ok(ApiResponse.success(new Trend(encounterId, from, to, trends.readings(encounterId, from),
                trends.scores(encounterId, from))));
    }

    /**
     * {@code scope} is "ward" (a nurse's or an administrator's board) or "doctor" (the doctor's patients, on any
     * ward unless {@code ward} narrows it); {@code wards} the wards the caller may choose.
     */
    record Board(String scope, String ward, List<String> wards, Instant generatedAt, List<BoardTile> tiles) {
    }
}
