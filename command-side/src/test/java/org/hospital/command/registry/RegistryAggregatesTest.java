package org.hospital.command.registry;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hospital.command.registry.RegistryCommands.AddRoom;
import org.hospital.command.registry.RegistryCommands.RegisterDoctor;
import org.hospital.command.registry.RegistryCommands.RegisterNurse;
import org.hospital.command.registry.RegistryCommands.RegisterPatient;
import org.hospital.events.DoctorRegistered;
import org.hospital.events.NurseRegistered;
import org.hospital.events.PatientRegistered;
import org.hospital.events.RoomAdded;
import org.junit.jupiter.api.Test;

/**
 * The register's aggregates: each command records its one event with every field, under the aggregate identifier
 * the rest of the system looks the record up by ({@code patient-<id>}, ...), which the creating command answers.
 */
class RegistryAggregatesTest {

    @Test
    void registersAPatientAsPatientAndId() {
        new AggregateTestFixture<>(Patient.class)
                .givenNoPriorActivity()
                .when(new RegisterPatient(7, "Asha Rao", LocalDate.of(1970, 3, 1), "F"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PatientRegistered(7, "Asha Rao", LocalDate.of(1970, 3, 1), "F"))
                .expectResultMessagePayload("patient-7");
    }

    @Test
    void registersADoctorWithTheirSignInAccount() {
        new AggregateTestFixture<>(Doctor.class)
                .givenNoPriorActivity()
                .when(new RegisterDoctor(3, "Dr. Gregory House", 12L))
                .expectEvents(new DoctorRegistered(3, "Dr. Gregory House", 12L))
                .expectResultMessagePayload("doctor-3");
    }

    @Test
    void registersADoctorWithoutAnAccount() {
        new AggregateTestFixture<>(Doctor.class)
                .givenNoPriorActivity()
                .when(new RegisterDoctor(4, "Dr. Lisa Cuddy", null))
                .expectEvents(new DoctorRegistered(4, "Dr. Lisa Cuddy", null))
                .expectResultMessagePayload("doctor-4");
    }

    @Test
    void registersANurseOnTheirWard() {
        new AggregateTestFixture<>(Nurse.class)
                .givenNoPriorActivity()
                .when(new RegisterNurse(5, "Nurse Joy", "ICU", 13L))
                .expectEvents(new NurseRegistered(5, "Nurse Joy", "ICU", 13L))
                .expectResultMessagePayload("nurse-5");
    }

    @Test
    void addsARoomOnItsWard() {
        new AggregateTestFixture<>(Room.class)
                .givenNoPriorActivity()
                .when(new AddRoom(9, "101A", "ICU"))
                .expectEvents(new RoomAdded(9, "101A", "ICU"))
                .expectResultMessagePayload("room-9");
    }
}
