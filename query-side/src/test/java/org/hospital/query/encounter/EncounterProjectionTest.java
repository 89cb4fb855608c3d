package org.hospital.query.encounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.discharged;
import static org.hospital.query.HospitalEvents.doctorRegistered;
import static org.hospital.query.HospitalEvents.patientRegistered;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hospital.events.NurseRegistered;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientTransferred;
import org.hospital.events.RoomAdded;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class EncounterProjectionTest extends QuerySideIntegrationTest {

    private static final Instant ADMITTED_AT = Instant.parse("2023-10-27T10:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Test
    void projectsAnAdmissionAsAnActiveEncounterWithItsRoomAndWard() {
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", ADMITTED_AT);

        projections.apply(admission);

        Map<String, Object> row = encounterRow(admission.encounterId());
        assertThat(row).containsEntry("patient_id", admission.patientId())
                .containsEntry("doctor_id", admission.doctorId())
                .containsEntry("room_id", admission.roomId())
                .containsEntry("room_number", "101A")
                .containsEntry("ward", "ICU")
                .containsEntry("status", "active")
                .containsEntry("discharged_at", null);
        assertThat(((Timestamp) row.get("admitted_at")).toInstant()).isEqualTo(ADMITTED_AT);
    }

    @Test
    void movesTheEncounterOnTransferAndClosesItOnDischarge() {
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", ADMITTED_AT);
        long newRoom = TestIds.next();

        projections.apply(admission,
                new PatientTransferred(admission.encounterId(), admission.patientId(), admission.roomId(), newRoom,
                        "201", "General", ADMITTED_AT.plusSeconds(60)),
                discharged(admission, ADMITTED_AT.plusSeconds(120)));

        assertThat(encounterRow(admission.encounterId()))
                .containsEntry("room_id", newRoom)
                .containsEntry("room_number", "201")
                .containsEntry("ward", "General")
                .containsEntry("status", "discharged");
    }

    @Test
    void changesNothingWhenTheWholeHistoryIsDeliveredAgain() {
        long patientId = TestIds.next();
        long doctorId = TestIds.next();
        long roomId = TestIds.next();
        PatientAdmitted admission = admitted(TestIds.next(), patientId, doctorId, "ICU", ADMITTED_AT);
        Object[] history = {
                patientRegistered(patientId, "Asha Rao", LocalDate.of(1970, 3, 1)),
                doctorRegistered(doctorId),
                new NurseRegistered(TestIds.next(), "Joy", "ICU", null),
                new RoomAdded(roomId, "101A", "ICU"),
                admission,
                new PatientTransferred(admission.encounterId(), patientId, admission.roomId(), roomId, "101A", "ICU",
                        ADMITTED_AT.plusSeconds(30)),
                discharged(admission, ADMITTED_AT.plusSeconds(60))};
        projections.apply(history);
        List<Map<String, Object>> before = snapshot(admission.encounterId(), patientId, doctorId, roomId);

        projections.apply(history);

        assertThat(snapshot(admission.encounterId(), patientId, doctorId, roomId)).isEqualTo(before);
    }

    @Test
    void aRedeliveredAdmissionDoesNotReopenADischargedEncounter() {
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", ADMITTED_AT);
        projections.apply(admission, discharged(admission, ADMITTED_AT.plusSeconds(60)));

        projections.apply(admission);

        assertThat(encounterRow(admission.encounterId())).containsEntry("status", "discharged");
    }

    @Test
    void ignoresADischargeOfAnEncounterItHasNotSeen() {
        PatientAdmitted never = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", ADMITTED_AT);

        projections.apply(discharged(never, ADMITTED_AT));

        assertThat(jdbc.sql("SELECT count(*) FROM view_encounters WHERE id = ?").param(never.encounterId())
                .query(Long.class).single()).isZero();
    }

    private Map<String, Object> encounterRow(long encounterId) {
        return jdbc.sql("SELECT * FROM view_encounters WHERE id = ?").param(encounterId).query().singleRow();
    }

    private List<Map<String, Object>> snapshot(long encounterId, long patientId, long doctorId, long roomId) {
        return List.of(encounterRow(encounterId),
                jdbc.sql("SELECT * FROM view_patients WHERE id = ?").param(patientId).query().singleRow(),
                jdbc.sql("SELECT * FROM view_doctors WHERE id = ?").param(doctorId).query().singleRow(),
                jdbc.sql("SELECT * FROM view_rooms WHERE id = ?").param(roomId).query().singleRow());
    }
}
