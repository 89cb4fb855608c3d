package org.hospital.query.audit.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.events.News2Breakdown;
import org.hospital.events.News2Scored;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientTransferred;
import org.hospital.events.VitalsRecorded;
import org.hospital.query.audit.history.EncounterAsOf.Measurement;
import org.hospital.query.audit.history.EncounterAsOf.Room;
import org.junit.jupiter.api.Test;

/**
 * One recorded encounter (admission, readings, a transfer, alerts, a note, a discharge) and what it looked like
 * at the instants between its events.
 */
class EncounterTimelineTest {

    private static final long ENCOUNTER = 10;
    private static final long PATIENT = 1;
    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static VitalsRecorded reading(long id, int measuredAtMinute, Integer hr, Integer spo2, Double temp) {
        return new VitalsRecorded(id, ENCOUNTER, PATIENT, at(measuredAtMinute), hr, spo2, temp, null, null, null,
                null, null, List.of(), at(measuredAtMinute), "device:3");
    }

    private static final AlertRaised TACHYCARDIA = new AlertRaised(7, ENCOUNTER, PATIENT, "TACHYCARDIA", "high",
            "High Heart Rate detected: 140 BPM", at(10), 5002, at(10));
    private static final AlertRaised FEVER = new AlertRaised(8, ENCOUNTER, PATIENT, "FEVER", "medium",
            "High Temperature detected: 38.9 C", at(20), 5003, at(20));

    /** Stored at minute 0, 5, 10, ... in this order (the minute of storage is the index times 5). */
    private static final List<Object> RECORDED = List.of(
            new PatientAdmitted(ENCOUNTER, PATIENT, 2, 5, "101A", "ICU", at(0)),             // 0
            reading(5001, 5, 80, 98, 37.0),                                                   // 5
            reading(5002, 10, 140, null, null),                                               // 10
            TACHYCARDIA,                                                                      // 15
            new News2Scored(ENCOUNTER, PATIENT, 5002, 3, "low-medium",
                    new News2Breakdown(null, 0, 0, null, 3, null, 0, 1), at(15), 60),         // 20
            new PatientTransferred(ENCOUNTER, PATIENT, 5, 6, "102", "ICU", at(25)),          // 25
            reading(5003, 20, null, null, 38.9),                                              // 30
            FEVER,                                                                            // 35
            new AlertRepeated(7, ENCOUNTER, PATIENT, 5004, "critical", 2, at(38)),            // 40
            new AlertAcknowledged(7, ENCOUNTER, PATIENT, 2, at(42)),                          // 45
            new ObservationRecorded(50, ENCOUNTER, PATIENT, 2, "Febrile, reviewed.", at(48)), // 50
            new AlertEscalated(8, ENCOUNTER, PATIENT, "medium", 1, at(55)),                   // 55
            // A late reading measured before the latest one: it must not replace newer values.
            reading(5005, 8, 90, 95, 36.5),                                                   // 60
            new AlertResolved(7, ENCOUNTER, PATIENT, 2, "treated", at(65)),                   // 65
            new PatientDischarged(ENCOUNTER, PATIENT, 6, at(70)));                            // 70

    private static List<RecordedEvent> history() {
        List<RecordedEvent> history = new ArrayList<>();
        for (int i = 0; i < RECORDED.size(); i++) {
            history.add(new RecordedEvent(i, at(5 * i), RECORDED.get(i)));
        }
        return history;
    }

    private static EncounterAsOf stateAt(int minute) {
        return EncounterTimeline.stateAt(ENCOUNTER, at(minute), history());
    }

    @Test
    void knowsNothingBeforeTheAdmissionWasStored() {
        EncounterAsOf state = EncounterTimeline.stateAt(ENCOUNTER, T0.minusSeconds(1), history());

        assertThat(state.status()).isNull();
        assertThat(state.room()).isNull();
        assertThat(state.eventsApplied()).isZero();
        assertThat(state.lastSequence()).isNull();
        assertThat(state.latestVitals()).containsOnlyKeys("hr_bpm", "spo2_pct", "temp_c", "bp_systolic",
                "bp_diastolic", "resp_rate", "on_oxygen", "consciousness").allSatisfy((name, value) ->
                assertThat(value).isNull());
    }

    @Test
    void showsTheAdmissionWithoutReadingsRightAfterIt() {
        EncounterAsOf state = stateAt(0);

        assertThat(state.status()).isEqualTo("active");
        assertThat(state.patientId()).isEqualTo(PATIENT);
        assertThat(state.doctorId()).isEqualTo(2);
        assertThat(state.room()).isEqualTo(new Room(5, "101A", "ICU"));
        assertThat(state.latestVitals().get("hr_bpm")).isNull();
        assertThat(state.news2()).isNull();
        assertThat(state.openAlerts()).isEmpty();
        assertThat(state.lastSequence()).isZero();
    }

    @Test
    void keepsTheLatestValueOfEachParameterWithItsOwnTime() {
        EncounterAsOf state = stateAt(32);

        assertThat(state.latestVitals().get("hr_bpm")).isEqualTo(new Measurement(140, at(10), 5002));
        assertThat(state.latestVitals().get("spo2_pct")).isEqualTo(new Measurement(98, at(5), 5001));
        assertThat(state.latestVitals().get("temp_c")).isEqualTo(new Measurement(38.9, at(20), 5003));
        assertThat(state.latestVitals().get("resp_rate")).isNull();
    }

    @Test
    void showsTheTransferredRoomAndTheScoreOfThatTime() {
        EncounterAsOf state = stateAt(27);

        assertThat(state.room()).isEqualTo(new Room(6, "102", "ICU"));
        assertThat(state.news2()).isEqualTo(new EncounterAsOf.News2(3, "low-medium", at(15)));
        assertThat(state.openAlerts()).extracting(EncounterAsOf.OpenAlert::id).containsExactly(7L);
    }

    @Test
    void countsRepeatsAndAcknowledgementOfAnOpenAlert() {
        EncounterAsOf state = stateAt(52);

        assertThat(state.openAlerts()).hasSize(2);
        EncounterAsOf.OpenAlert tachycardia = state.openAlerts().get(1);
        assertThat(tachycardia.id()).isEqualTo(7);
        assertThat(tachycardia.status()).isEqualTo("acknowledged");
        assertThat(tachycardia.acknowledged()).isTrue();
        assertThat(tachycardia.occurrences()).isEqualTo(2);
        assertThat(tachycardia.severity()).isEqualTo("critical");
        assertThat(tachycardia.lastSeenAt()).isEqualTo(at(38));
        assertThat(state.openAlerts().get(0).id()).as("newest first").isEqualTo(8);
        assertThat(state.observationsCount()).isEqualTo(1);
    }

    @Test
    void doesNotLetALateOlderReadingReplaceNewerValues() {
        EncounterAsOf state = stateAt(62);

        assertThat(state.latestVitals().get("hr_bpm")).isEqualTo(new Measurement(140, at(10), 5002));
        assertThat(state.latestVitals().get("spo2_pct")).isEqualTo(new Measurement(95, at(8), 5005));
        assertThat(state.openAlerts()).filteredOn(a -> a.id() == 8).singleElement()
                .satisfies(fever -> assertThat(fever.escalationLevel()).isEqualTo(1));
    }

    @Test
    void dropsResolvedAlertsAndEndsWithTheDischarge() {
        assertThat(stateAt(66).openAlerts()).extracting(EncounterAsOf.OpenAlert::id).containsExactly(8L);

        EncounterAsOf end = stateAt(71);
        assertThat(end.status()).isEqualTo("discharged");
        assertThat(end.dischargedAt()).isEqualTo(at(70));
        assertThat(end.eventsApplied()).isEqualTo(RECORDED.size());
        assertThat(end.lastSequence()).isEqualTo(RECORDED.size() - 1);
    }

    @Test
    void includesAnEventStoredExactlyAtTheInstant() {
        assertThat(stateAt(70).status()).isEqualTo("discharged");
        assertThat(EncounterTimeline.stateAt(ENCOUNTER, at(70).minusMillis(1), history()).status())
                .isEqualTo("active");
    }

    @Test
    void skipsEventTypesItDoesNotKnow() {
        List<RecordedEvent> history = new ArrayList<>(history().subList(0, 1));
        history.add(new RecordedEvent(1, at(1), "{\"encounter_id\":10,\"kind\":\"from a later version\"}"));

        EncounterAsOf state = EncounterTimeline.stateAt(ENCOUNTER, at(2), history);

        assertThat(state.status()).isEqualTo("active");
        assertThat(state.eventsApplied()).isEqualTo(2);
        assertThat(Map.copyOf(state.latestVitals().entrySet().stream()
                .filter(e -> e.getValue() != null).collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue)))).isEmpty();
    }
}
