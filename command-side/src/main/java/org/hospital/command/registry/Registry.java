package org.hospital.command.registry;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hospital.command.registry.RegistryCommands.AddRoom;
import org.hospital.command.registry.RegistryCommands.RegisterDoctor;
import org.hospital.command.registry.RegistryCommands.RegisterNurse;
import org.hospital.command.registry.RegistryCommands.RegisterPatient;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Registers patients, doctors, nurses and rooms: takes the id from its sequence and returns it once stored. */
@Service
public class Registry {

    private static final Set<String> GENDERS = Set.of("F", "M", "O", "U");

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final RegistryLookups lookups;

    Registry(CommandGateway commands, JdbcTemplate jdbc, RegistryLookups lookups) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.lookups = lookups;
    }

    public long registerPatient(String name, LocalDate dateOfBirth, String gender) {
        if (!GENDERS.contains(gender)) {
            throw new InvalidRegistration("gender must be one of F, M, O, U");
        }
        long id = next("patient_id_seq");
        commands.sendAndWait(new RegisterPatient(id, name, dateOfBirth, gender));
        return id;
    }

    public long registerDoctor(String name, Long userId) {
        long id = next("doctor_id_seq");
        commands.sendAndWait(new RegisterDoctor(id, name, userId));
        return id;
    }

    public long registerNurse(String name, String ward, Long userId) {
        long id = next("nurse_id_seq");
        commands.sendAndWait(new RegisterNurse(id, name, ward, userId));
        return id;
    }

    public long addRoom(String roomNumber, String ward) {
        if (lookups.roomByNumber(roomNumber).isPresent()) {
            throw new RoomNumberTaken();
        }
        long id = next("room_id_seq");
        try {
            commands.sendAndWait(new AddRoom(id, roomNumber, ward));
        } catch (DuplicateKeyException e) {
            throw new RoomNumberTaken();
        }
        return id;
    }

    private long next(String sequence) {
        return jdbc.queryForObject("SELECT nextval('" + sequence + "')", Long.class);
    }

    /** A room number names one room only. */
    static final class RoomNumberTaken extends DomainException {

        RoomNumberTaken() {
            super(ErrorCode.CONFLICT, "Room number already exists");
        }
    }

    /** A registration value outside what the register accepts. */
    static final class InvalidRegistration extends DomainException {

        InvalidRegistration(String message) {
            super(ErrorCode.VALIDATION_FAILED, message);
        }
    }
}
