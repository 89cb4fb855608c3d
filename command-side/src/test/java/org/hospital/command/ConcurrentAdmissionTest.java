package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The room guard under load: 50 simultaneous admissions of 50 patients into 10 chosen rooms, five asking for each
 * room; and a ward's nurse admitting 20 patients at once into "any free room" of a ward that has three.
 */
class ConcurrentAdmissionTest extends CommandSideHttpTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void admitsExactlyOnePatientPerRoomUnderConcurrentAdmissions() throws Exception {
        Credential admin = demo("admin");
        long doctor = ok("GET", "/auth/me", demo("dr_house"), null).path("doctor_id").asLong();
        List<Long> rooms = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rooms.add(newRoom(admin, "ICU"));
        }
        List<Long> patients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            patients.add(newPatient(admin));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> answers = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                long patient = patients.get(i);
                long room = rooms.get(i % 10);
                answers.add(executor.submit(() -> {
                    start.await();
                    return send("POST", "/encounters", admin, Map.of("patient_id", patient, "doctor_id", doctor,
                            "room_id", room));
                }));
            }
            start.countDown();
        }
        int admitted = 0;
        int conflicts = 0;
        for (Future<Reply> answer : answers) {
            Reply reply = answer.get();
            if (reply.status() == 201) {
                admitted++;
            } else {
                assertThat(reply.status()).as(reply.body().toString()).isEqualTo(409);
                conflicts++;
            }
        }
        assertThat(admitted).isEqualTo(10);
        assertThat(conflicts).isEqualTo(40);

        Long[] roomIds = rooms.toArray(Long[]::new);
        Long[] patientIds = patients.toArray(Long[]::new);
        assertThat(jdbc.queryForList("SELECT room_id FROM active_encounter WHERE room_id = ANY (?)", Long.class,
                (Object) roomIds)).hasSize(10).doesNotHaveDuplicates();
        assertThat(jdbc.queryForList("SELECT patient_id FROM active_encounter WHERE patient_id = ANY (?)",
                Long.class, (Object) patientIds)).hasSize(10).doesNotHaveDuplicates();
        List<String> admissions = jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE payload_type = 'org.hospital.events.PatientAdmitted'""", String.class);
        List<Long> admittedRooms = admissions.stream()
                .map(json -> JSON.readTree(json))
                .filter(event -> patients.contains(event.path("patient_id").asLong()))
                .map(event -> event.path("room_id").asLong())
                .toList();
        assertThat(admittedRooms).as("one PatientAdmitted event per room, none for the refused")
                .hasSize(10).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(rooms);
    }

    /** Free rooms are picked and taken concurrently: each taken once, the rest refused as "no room available". */
    @Test
    void fillsAWardsFreeRoomsOnceEachWhenItsNurseAdmitsWithoutChoosingARoom() throws Exception {
        Credential admin = demo("admin");
        long doctor = ok("GET", "/auth/me", demo("dr_house"), null).path("doctor_id").asLong();
        String ward = unique("Ward ");
        List<Long> rooms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rooms.add(newRoom(admin, ward));
        }
        String nurseName = unique("nurse.concurrent");
        newNurse(admin, ward, nurseName);
        Credential nurse = login(nurseName, STRONG_PASSWORD);
        List<Long> patients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            patients.add(newPatient(admin));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> answers = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long patient : patients) {
                answers.add(executor.submit(() -> {
                    start.await();
                    return send("POST", "/encounters", nurse, Map.of("patient_id", patient, "doctor_id", doctor));
                }));
            }
            start.countDown();
        }
        List<Long> bookedRooms = new ArrayList<>();
        for (Future<Reply> answer : answers) {
            Reply reply = answer.get();
            if (reply.status() == 201) {
                bookedRooms.add(reply.data().path("room_id").asLong());
            } else {
                assertThat(reply.status()).as(reply.body().toString()).isEqualTo(409);
                assertThat(reply.body().path("code").asString()).isEqualTo("NO_ROOM_AVAILABLE");
            }
        }
        assertThat(bookedRooms).containsExactlyInAnyOrderElementsOf(rooms);
        assertThat(jdbc.queryForList("SELECT room_id FROM active_encounter WHERE room_id = ANY (?)", Long.class,
                (Object) rooms.toArray(Long[]::new))).containsExactlyInAnyOrderElementsOf(rooms);
    }
}
