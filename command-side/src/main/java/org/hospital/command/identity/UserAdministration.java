package org.hospital.command.identity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hospital.command.identity.IdentityAudit.Action;
import org.hospital.command.identity.UserAccounts.IssuedDevice;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator does to accounts and device keys, each change with its audit row in one transaction. The
 * password policy here applies to every account made through the API; only the demo data bypasses it.
 */
@Service
public class UserAdministration {

    /** NIST SP 800-63B §3.1.1.2 asks for at least 8; a hospital's policy, 12. BCrypt reads at most 72 bytes. */
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD_BYTES = 72;

    private final UserAccounts accounts;
    private final RefreshTokens refreshTokens;
    private final ClinicalRecords records;
    private final IdentityAudit audit;
    private final DeactivatedUsers deactivatedUsers;

    UserAdministration(UserAccounts accounts, RefreshTokens refreshTokens, ClinicalRecords records,
                       IdentityAudit audit, DeactivatedUsers deactivatedUsers) {
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.records = records;
        this.audit = audit;
        this.deactivatedUsers = deactivatedUsers;
    }

    /** An account as the API shows it (never its password hash). */
    public record UserView(long id, String username, String role, Long doctorId, Long nurseId, Long patientId,
                           boolean active) {
    }

    /** A device key as issued: the key is shown this once. */
    public record DeviceView(long id, long roomId, String label, String key, String status) {
    }

    /**
     * Creates an account bound to exactly the clinical record its role needs: a doctor to a doctor, a nurse to a
     * nurse, a patient to a patient; admins and auditors to none. One active account per doctor, nurse or patient.
     */
    @Transactional
    public UserView createUser(String username, String password, Role role, Long doctorId, Long nurseId,
                               Long patientId) {
        if (role == Role.DEVICE) {
            throw new InvalidAccount("role must be one of admin, doctor, nurse, patient, auditor");
        }
        checkPassword(username, password);
        checkLinks(role, doctorId, nurseId, patientId);
        if (accounts.userIdByUsername(username).isPresent()) {
            throw new UsernameTaken();
        }
        long id;
        try {
            id = accounts.createUser(username, password, role, doctorId, nurseId, patientId);
        } catch (DuplicateKeyException e) {
            throw new UsernameTaken();
        }
        audit.record(Action.USER_CREATED, "user", id);
        return new UserView(id, username, role.wireName(), doctorId, nurseId, patientId, true);
    }

    /** Binds an account made together with its doctor or nurse (the record's id exists only after the account). */
    @Transactional
    public void bindClinicalRecord(long userId, Role role, long recordId) {
        switch (role) {
            case DOCTOR -> accounts.linkDoctor(userId, recordId);
            case NURSE -> accounts.linkNurse(userId, recordId);
            default -> throw new IllegalArgumentException("only doctors and nurses are bound after creation");
        }
    }

    /** Deactivates the account and revokes every refresh token it holds; its access tokens are refused at once here. */
    @Transactional
    public UserView deactivate(long userId) {
        CurrentUser caller = CurrentUsers.required();
        var account = accounts.findAccount(userId).orElseThrow(() -> new NotFoundException("User"));
        if (caller.userId() != null && caller.userId() == userId) {
            throw new CannotDeactivateSelf();
        }
        if (accounts.deactivate(userId)) {
            refreshTokens.revokeAllOf(userId);
            audit.record(Action.USER_DEACTIVATED, "user", userId);
        }
        deactivatedUsers.reloadAfterCommit();
        return new UserView(account.id(), account.username(), account.role().wireName(), account.doctorId(),
                account.nurseId(), account.patientId(), false);
    }

    @Transactional
    public DeviceView issueDevice(long roomId, String label) {
        if (!records.roomExists(roomId)) {
            throw new NotFoundException("Room");
        }
        IssuedDevice device = accounts.issueDevice(roomId, label == null ? "room-" + roomId : label);
        audit.record(Action.DEVICE_ISSUED, "device", device.deviceId());
        return new DeviceView(device.deviceId(), roomId, label == null ? "room-" + roomId : label, device.key(),
                "active");
    }

    /** Revoking twice is harmless: the key stays refused, and only the first revocation is audited. */
    @Transactional
    public DeviceView revokeDevice(long deviceId) {
        long roomId = accounts.deviceRoom(deviceId).orElseThrow(() -> new NotFoundException("Device"));
        if (accounts.revokeDevice(deviceId)) {
            audit.record(Action.DEVICE_REVOKED, "device", deviceId);
        }
        return new DeviceView(deviceId, roomId, null, null, "revoked");
    }

    /** The policy for passwords chosen through the API; shared by the registry's doctor and nurse accounts. */
    public static void checkPassword(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            throw new InvalidAccount("password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidAccount("password must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw new InvalidAccount("password must not contain the username");
        }
    }

    private void checkLinks(Role role, Long doctorId, Long nurseId, Long patientId) {
        boolean linksMatchRole = switch (role) {
            case DOCTOR -> nurseId == null && patientId == null;
            case NURSE -> doctorId == null && patientId == null;
            case PATIENT -> doctorId == null && nurseId == null && patientId != null;
            default -> doctorId == null && nurseId == null && patientId == null;
        };
        if (!linksMatchRole) {
            throw new InvalidAccount("only a doctor has doctor_id, a nurse nurse_id, a patient patient_id");
        }
        if (doctorId != null) {
            if (!records.doctorExists(doctorId)) {
                throw new NotFoundException("Doctor");
            }
            if (accounts.linkTaken("doctor_id", doctorId)) {
                throw new AccountAlreadyBound();
            }
        }
        if (nurseId != null) {
            if (!records.nurseExists(nurseId)) {
                throw new NotFoundException("Nurse");
            }
            if (accounts.linkTaken("nurse_id", nurseId)) {
                throw new AccountAlreadyBound();
            }
        }
        if (patientId != null) {
            if (!records.patientExists(patientId)) {
                throw new NotFoundException("Patient");
            }
            if (accounts.linkTaken("patient_id", patientId)) {
                throw new AccountAlreadyBound();
            }
        }
    }

    static final class UsernameTaken extends DomainException {

        UsernameTaken() {
            super(ErrorCode.CONFLICT, "Username already exists");
        }
    }

    static final class AccountAlreadyBound extends DomainException {

        AccountAlreadyBound() {
            super(ErrorCode.CONFLICT, "An active account is already bound to this record");
        }
    }

    static final class CannotDeactivateSelf extends DomainException {

        CannotDeactivateSelf() {
            super(ErrorCode.CONFLICT, "An administrator cannot deactivate their own account");
        }
    }

    /** A value outside the account rules; the message names the rule, never the value. */
    public static final class InvalidAccount extends DomainException {

        InvalidAccount(String message) {
            super(ErrorCode.VALIDATION_FAILED, message);
        }
    }
}
