package org.hospital.command.demo;

import java.time.LocalDate;
import org.hospital.command.identity.UserAccounts;
import org.hospital.command.identity.UserAccounts.IssuedDevice;
import org.hospital.command.registry.Registry;
import org.hospital.command.registry.RegistryLookups;
import org.hospital.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Creates the demo data of docs/api.md, Roles on start, skipping whatever exists, so restarts are safe. On a fresh
 * database the ids are predictable (patients 1-3, doctor 1, rooms 1-3) for the README's examples. Device keys are
 * stored hashed, so the demo device's key is re-issued (the old one revoked) at every start and printed.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "password";
    static final String DEVICE_LABEL = "demo-room-101";

    private final UserAccounts accounts;
    private final Registry registry;
    private final RegistryLookups lookups;

    DemoData(UserAccounts accounts, Registry registry, RegistryLookups lookups) {
        this.accounts = accounts;
        this.registry = registry;
        this.lookups = lookups;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureUser("admin", Role.ADMIN);
        ensurePatient("Asha Rao", LocalDate.of(1970, 5, 14), "F");
        ensurePatient("Ben Okafor", LocalDate.of(1958, 11, 2), "M");
        ensurePatient("Carmen Diaz", LocalDate.of(1989, 3, 27), "F");
        long room101 = ensureRoom("101", "ICU");
        ensureRoom("102", "ICU");
        ensureRoom("201", "General");

        long houseUser = ensureUser("dr_house", Role.DOCTOR);
        long houseDoctor = lookups.doctorIdByUser(houseUser)
                .orElseGet(() -> registry.registerDoctor("Gregory House", houseUser));
        accounts.linkDoctor(houseUser, houseDoctor);

        long joyUser = ensureUser("nurse_joy", Role.NURSE);
        long joyNurse = lookups.nurseIdByUser(joyUser).orElseGet(() -> registry.registerNurse("Joy", "ICU", joyUser));
        accounts.linkNurse(joyUser, joyNurse);

        long patientUser = ensureUser("patient_1", Role.PATIENT);
        accounts.linkPatient(patientUser, lookups.patientIdByName("Asha Rao").orElseThrow());

        ensureUser("auditor", Role.AUDITOR);

        IssuedDevice device = accounts.reissueDevice(room101, DEVICE_LABEL);
        log.warn("""

                ==========================================================================
                DEMO DATA — demo accounts with password '{}' — never use in production
                  users:   admin (admin), dr_house (doctor {}), nurse_joy (nurse, ICU),
                           patient_1 (patient 1), auditor (auditor)
                  rooms:   101, 102 (ICU), 201 (General); patients 1-3
                  device:  id {} in room 101, key (X-Device-Key or Bearer): {}
                ==========================================================================""",
                PASSWORD, houseDoctor, device.deviceId(), device.key());
    }

    private long ensureUser(String username, Role role) {
        return accounts.userIdByUsername(username)
                .orElseGet(() -> accounts.createUser(username, PASSWORD, role, null, null, null));
    }

    private void ensurePatient(String name, LocalDate dateOfBirth, String gender) {
        if (lookups.patientIdByName(name).isEmpty()) {
            registry.registerPatient(name, dateOfBirth, gender);
        }
    }

    private long ensureRoom(String roomNumber, String ward) {
        return lookups.roomByNumber(roomNumber).map(RegistryLookups.RoomInfo::id)
                .orElseGet(() -> registry.addRoom(roomNumber, ward));
    }
}
