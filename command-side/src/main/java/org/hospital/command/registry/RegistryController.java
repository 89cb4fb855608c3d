package org.hospital.command.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.hospital.platform.web.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The register, for administrators only (the security chain checks the role): patients, doctors and nurses (each
 * optionally with a sign-in account bound to it), rooms. Names are trimmed; control characters are refused.
 */
@RestController
class RegistryController {

    /**
     * At least one visible character; no control character anywhere (not even as the visible one: {@code \\S} alone
     * would let a NUL through, which PostgreSQL refuses to store), no unpaired surrogate.
     */
    static final String NAME = "[^\\p{Cc}\\p{Cs}]*[^\\p{Cc}\\p{Cs}\\s][^\\p{Cc}\\p{Cs}]*";
    static final String WARD = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._/-]{0,99}";
    static final String ROOM_NUMBER = "[A-Za-z0-9][A-Za-z0-9._-]{0,19}";
    static final String USERNAME = "[a-z][a-z0-9._-]{2,49}";

    private final StaffRegistration staff;
    private final Registry registry;

    RegistryController(StaffRegistration staff, Registry registry) {
        this.staff = staff;
        this.registry = registry;
    }

    record NewPatient(@NotNull @Size(max = 200) @Pattern(regexp = NAME, message = "must be 1-200 printable characters")
                      String name,
                      @NotNull @PastOrPresent LocalDate dateOfBirth,
                      @NotNull @Pattern(regexp = "[FMOU]", message = "must be one of F, M, O, U") String gender) {
    }

    record NewDoctor(@NotNull @Size(max = 200) @Pattern(regexp = NAME, message = "must be 1-200 printable characters")
                     String name,
                     @Pattern(regexp = USERNAME, message = "must be 3-50 of a-z 0-9 . _ - starting with a letter")
                     String username,
                     @Size(min = 12, max = 72) String password) {
    }

    record NewNurse(@NotNull @Size(max = 200) @Pattern(regexp = NAME, message = "must be 1-200 printable characters")
                    String name,
                    @NotNull @Pattern(regexp = WARD, message = "must be 1-100 letters, digits, space . _ / -")
                    String ward,
                    @Pattern(regexp = USERNAME, message = "must be 3-50 of a-z 0-9 . _ - starting with a letter")
                    String username,
                    @Size(min = 12, max = 72) String password) {
    }

    record NewRoom(@NotNull @Pattern(regexp = ROOM_NUMBER, message = "must be 1-20 of A-Z a-z 0-9 . _ -")
                   String roomNumber,
                   @NotNull @Pattern(regexp = WARD, message = "must be 1-100 letters, digits, space . _ / -")
                   String ward) {
    }

    record PatientView(long id, String name, LocalDate dateOfBirth, String gender) {
    }

    record StaffView(long id, String name, String ward, Long userId, String username) {
    }

    record RoomView(long id, String roomNumber, String ward) {
    }

    @PostMapping("/patients")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<PatientView> patient(@RequestBody @Valid NewPatient request) {
        String name = request.name().strip();
        if (request.dateOfBirth().isBefore(StaffRegistration.EARLIEST_BIRTH)) {
            throw new Registry.InvalidRegistration("date_of_birth must be 1900-01-01 or later");
        }
        long id = registry.registerPatient(name, request.dateOfBirth(), request.gender());
        return ApiResponse.success(new PatientView(id, name, request.dateOfBirth(), request.gender()));
    }

    @PostMapping("/doctors")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<StaffView> doctor(@RequestBody @Valid NewDoctor request) {
        return ApiResponse.success(staff.registerDoctor(request.name().strip(), request.username(),
                request.password()));
    }

    @PostMapping("/nurses")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<StaffView> nurse(@RequestBody @Valid NewNurse request) {
        return ApiResponse.success(staff.registerNurse(request.name().strip(), request.ward().strip(),
                request.username(), request.password()));
    }

    @PostMapping("/rooms")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<RoomView> room(@RequestBody @Valid NewRoom request) {
        String ward = request.ward().strip();
        long id = registry.addRoom(request.roomNumber(), ward);
        return ApiResponse.success(new RoomView(id, request.roomNumber(), ward));
    }
}
