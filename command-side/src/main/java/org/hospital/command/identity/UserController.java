package org.hospital.command.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.hospital.command.identity.UserAdministration.DeviceView;
import org.hospital.command.identity.UserAdministration.UserView;
import org.hospital.platform.security.Role;
import org.hospital.platform.web.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accounts and device keys, for administrators only (the security chain checks the role). Every change is audited. */
@RestController
class UserController {

    /** Lower-case, starts with a letter: no look-alike names that differ only in case. */
    static final String USERNAME = "[a-z][a-z0-9._-]{2,49}";
    static final String LABEL = "[A-Za-z0-9 ._:-]{1,100}";

    private final UserAdministration administration;

    UserController(UserAdministration administration) {
        this.administration = administration;
    }

    record NewUser(@NotNull @Pattern(regexp = USERNAME, message = "must be 3-50 of a-z 0-9 . _ - starting with a letter")
                   String username,
                   @NotNull @Size(min = 12, max = 72) String password,
                   @NotNull @Pattern(regexp = "admin|doctor|nurse|patient|auditor",
                           message = "must be one of admin, doctor, nurse, patient, auditor") String role,
                   @Positive Long doctorId, @Positive Long nurseId, @Positive Long patientId) {
    }

    record NewDevice(@NotNull @Positive Long roomId,
                     @Pattern(regexp = LABEL, message = "must be 1-100 of A-Z a-z 0-9 space . _ : -") String label) {
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<UserView> create(@RequestBody @Valid NewUser request) {
        return ApiResponse.success(administration.createUser(request.username(), request.password(),
                Role.fromWireName(request.role()), request.doctorId(), request.nurseId(), request.patientId()));
    }

    @PostMapping("/users/{userId}/deactivate")
    ApiResponse<UserView> deactivate(@PathVariable @Positive long userId) {
        return ApiResponse.success(administration.deactivate(userId));
    }

    @PostMapping("/devices")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<DeviceView> issue(@RequestBody @Valid NewDevice request) {
        return ApiResponse.success(administration.issueDevice(request.roomId(), request.label()));
    }

    @DeleteMapping("/devices/{deviceId}")
    ApiResponse<DeviceView> revoke(@PathVariable @Positive long deviceId) {
        return ApiResponse.success(administration.revokeDevice(deviceId));
    }
}
