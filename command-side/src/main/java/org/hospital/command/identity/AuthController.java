package org.hospital.command.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hospital.command.identity.Logins.TokenPair;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in and "who am I" (CONTRACT §2). */
@RestController
class AuthController {

    private final Logins logins;

    AuthController(Logins logins) {
        this.logins = logins;
    }

    record LoginRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password) {
    }

    record Me(Long id, String username, String role, Long doctorId, Long patientId, Long nurseId) {
    }

    @PostMapping("/auth/login")
    ApiResponse<TokenPair> login(@RequestBody @Valid LoginRequest request) {
        return ApiResponse.success(logins.login(request.username(), request.password()));
    }

    @GetMapping("/auth/me")
    ApiResponse<Me> me() {
        CurrentUser user = CurrentUsers.required();
        return ApiResponse.success(new Me(user.userId(), user.username(), user.role().wireName(), user.doctorId(),
                user.patientId(), user.nurseId()));
    }
}
