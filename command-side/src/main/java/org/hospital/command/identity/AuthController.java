package org.hospital.command.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hospital.command.identity.Logins.TokenPair;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in, token renewal, sign-out and "who am I" (docs/api.md, Roles). The client address used for throttling is the
 * connection's peer, or what a trusted proxy forwarded (docs/security.md, Behind a proxy).
 */
@RestController
class AuthController {

    private final Logins logins;

    AuthController(Logins logins) {
        this.logins = logins;
    }

    /** A control character (NUL above all, which PostgreSQL cannot even compare) is no part of any username. */
    @Schema(example = """
            {"username": "dr_house", "password": "password"}""")
    record LoginRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cc}\\p{Cs}]*",
            message = "must not contain control characters") String username,
                        @NotBlank @Size(max = 200) String password) {
    }

    @Schema(example = """
            {"refresh_token": "the refresh_token of the last sign-in or renewal"}""")
    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record Me(Long id, String username, String role, Long doctorId, Long patientId, Long nurseId) {
    }

    record LoggedOut(String status) {
    }

    @PostMapping("/auth/login")
    ApiResponse<TokenPair> login(@RequestBody @Valid LoginRequest request, HttpServletRequest http) {
        return ApiResponse.success(logins.login(request.username(), request.password(), http.getRemoteAddr()));
    }

    @PostMapping("/auth/refresh")
    ApiResponse<TokenPair> refresh(@RequestBody @Valid RefreshRequest request) {
        return ApiResponse.success(logins.refresh(request.refreshToken()));
    }

    @PostMapping("/auth/logout")
    ApiResponse<LoggedOut> logout(@RequestBody @Valid RefreshRequest request) {
        logins.logout(request.refreshToken());
        return ApiResponse.success(new LoggedOut("logged_out"));
    }

    @GetMapping("/auth/me")
    ApiResponse<Me> me() {
        CurrentUser user = CurrentUsers.required();
        return ApiResponse.success(new Me(user.userId(), user.username(), user.role().wireName(), user.doctorId(),
                user.patientId(), user.nurseId()));
    }
}
