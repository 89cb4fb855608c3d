package org.hospital.command.registry;

import java.time.LocalDate;
import org.hospital.command.identity.UserAdministration.UserView;
import org.hospital.command.identity.UserAdministration;
import org.hospital.command.registry.RegistryController.StaffView;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers a doctor or nurse together with their sign-in account, in one transaction: the account row, its audit
 * row and the registration event commit together or not at all (Axon's unit of work joins this transaction).
 */
@Service
class StaffRegistration {

    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final Registry registry;
    private final UserAdministration users;

    StaffRegistration(Registry registry, UserAdministration users) {
        this.registry = registry;
        this.users = users;
    }

    @Transactional
    StaffView registerDoctor(String name, String username, String password) {
        UserView account = account(username, password, Role.DOCTOR);
        long doctorId = registry.registerDoctor(name, account == null ? null : account.id());
        if (account != null) {
            users.bindClinicalRecord(account.id(), Role.DOCTOR, doctorId);
        }
        return new StaffView(doctorId, name, null, account == null ? null : account.id(), username);
    }

    @Transactional
    StaffView registerNurse(String name, String ward, String username, String password) {
        UserView account = account(username, password, Role.NURSE);
        long nurseId = registry.registerNurse(name, ward, account == null ? null : account.id());
        if (account != null) {
            users.bindClinicalRecord(account.id(), Role.NURSE, nurseId);
        }
        return new StaffView(nurseId, name, ward, account == null ? null : account.id(), username);
    }

    private UserView account(String username, String password, Role role) {
        if (username == null && password == null) {
            return null;
        }
        if (username == null || password == null) {
            throw new IncompleteAccount();
        }
        return users.createUser(username, password, role, null, null, null);
    }

    /** An account needs both a username and a password. */
    static final class IncompleteAccount extends DomainException {

        IncompleteAccount() {
            super(ErrorCode.VALIDATION_FAILED, "username and password must be given together");
        }
    }
}
