package org.hospital.query.audit.rebuild;

import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.web.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admin/projections/rebuild} starts a rebuild (202); {@code GET} the same path reports its progress. */
@RestController
class RebuildController {

    private final ProjectionRebuild rebuild;

    RebuildController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/admin/projections/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<RebuildProgress> start() {
        if (!rebuild.start()) {
            throw new RebuildAlreadyRunning();
        }
        return ApiResponse.success(rebuild.progress());
    }

    @GetMapping("/admin/projections/rebuild")
    ApiResponse<RebuildProgress> progress() {
        return ApiResponse.success(rebuild.progress());
    }

    static class RebuildAlreadyRunning extends DomainException {

        RebuildAlreadyRunning() {
            super(ErrorCode.CONFLICT, "A rebuild is already running");
        }
    }
}
