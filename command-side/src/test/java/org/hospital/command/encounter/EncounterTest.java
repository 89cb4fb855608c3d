package org.hospital.command.encounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hospital.command.encounter.EncounterCommandHandler.Admission;
import org.hospital.command.encounter.EncounterCommands.AdmitPatient;
import org.hospital.command.encounter.EncounterCommands.ChangeSpo2Scale;
import org.hospital.command.encounter.EncounterCommands.DischargePatient;
import org.hospital.command.encounter.EncounterCommands.TransferPatient;
import org.hospital.events.News2Breakdown;
import org.hospital.events.News2Scored;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientTransferred;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.error.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EncounterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private AggregateTestFixture<Encounter> fixture;
    private InMemoryOccupancy occupancy;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Encounter.class);
        fixture.registerCommandTargetResolver(new EncounterTargets());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        occupancy = new InMemoryOccupancy().withPatient(1).withPatient(2).withDoctor(7)
                .withRoom(5, "101", "ICU").withRoom(6, "102", "ICU");
        AtomicLong encounterIds = new AtomicLong(100);
        EncounterIds ids = new EncounterIds() {
            @Override
            public long nextEncounterId() {
                return encounterIds.incrementAndGet();
            }

            @Override
            public List<Long> nextReadingIds(int count) {
                return List.of();
            }

            @Override
            public long nextObservationId() {
                return 1;
            }
        };
        fixture.registerAnnotatedCommandHandler(new EncounterCommandHandler(fixture.getRepository(), occupancy, ids,
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static PatientAdmitted admitted() {
        return new PatientAdmitted(101, 1, 7, 5, "101", "ICU", NOW.minusSeconds(3600));
    }

    @Test
    void admitsIntoTheFirstFreeRoom() {
        fixture.givenNoPriorActivity()
                .when(new AdmitPatient(1, 7, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PatientAdmitted(101, 1, 7, 5, "101", "ICU", NOW))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.equalTo(
                        new Admission(101, 1, 7, 5, "101", NOW)));
        assertThat(occupancy.encounterInRoom(5)).contains(101L);
    }

    @Test
    void admitsIntoTheChosenRoom() {
        fixture.givenNoPriorActivity()
                .when(new AdmitPatient(1, 7, 6L))
                .expectEvents(new PatientAdmitted(101, 1, 7, 6, "102", "ICU", NOW));
    }

    @Test
    void rejectsAdmissionWhenRoomIsTaken() {
        occupancy.tryOccupy(50, 2, 7, occupancy.rooms.get(5L));
        fixture.givenNoPriorActivity()
                .when(new AdmitPatient(1, 7, 5L))
                .expectNoEvents()
                .expectException(EncounterExceptions.RoomOccupied.class);
    }

    @Test
    void rejectsSecondAdmissionOfTheSamePatient() {
        occupancy.tryOccupy(50, 1, 7, occupancy.rooms.get(5L));
        fixture.givenNoPriorActivity()
                .when(new AdmitPatient(1, 7, null))
                .expectNoEvents()
                .expectException(EncounterExceptions.PatientAlreadyAdmitted.class);
    }

    @Test
    void answersNoRoomAvailableWhenEveryRoomIsTaken() {
        occupancy.tryOccupy(50, 10, 7, occupancy.rooms.get(5L));
        occupancy.tryOccupy(51, 11, 7, occupancy.rooms.get(6L));
        fixture.givenNoPriorActivity()
                .when(new AdmitPatient(1, 7, null))
                .expectNoEvents()
                .expectException(EncounterExceptions.NoRoomAvailable.class);
        assertThat(new EncounterExceptions.NoRoomAvailable().code()).isEqualTo(ErrorCode.NO_ROOM_AVAILABLE);
    }

    @Test
    void rejectsAdmissionOfAnUnknownPatient() {
        fixture.givenNoPriorActivity()
                .when(new AdmitPatient(99, 7, null))
                .expectException(NotFoundException.class);
    }

    @Test
    void dischargesAnActiveEncounterAndFreesItsRoom() {
        occupancy.tryOccupy(101, 1, 7, occupancy.rooms.get(5L));
        fixture.given(admitted())
                .when(new DischargePatient(101))
                .expectEvents(new PatientDischarged(101, 1, 5, NOW));
        assertThat(occupancy.encounterInRoom(5)).isEmpty();
    }

    @Test
    void rejectsDischargingTwice() {
        fixture.given(admitted(), new PatientDischarged(101, 1, 5, NOW))
                .when(new DischargePatient(101))
                .expectNoEvents()
                .expectException(EncounterExceptions.NotActive.class);
    }

    @Test
    void transfersToAFreeRoom() {
        occupancy.tryOccupy(101, 1, 7, occupancy.rooms.get(5L));
        fixture.given(admitted())
                .when(new TransferPatient(101, 6))
                .expectEvents(new PatientTransferred(101, 1, 5, 6, "102", "ICU", NOW));
        assertThat(occupancy.encounterInRoom(6)).contains(101L);
    }

    @Test
    void admitsANurseOnlyIntoARoomOfHerWard() {
        occupancy.withRoom(7, "201", "General");
        fixture.givenNoPriorActivity()
                .when(new AdmitPatient(1, 7, 7L, "ICU"))
                .expectNoEvents()
                .expectException(EncounterExceptions.RoomOnAnotherWard.class);
    }

    @Test
    void picksAFreeRoomOnTheNursesWard() {
        occupancy.withRoom(7, "201", "General");
        fixture.givenNoPriorActivity()
                .when(new AdmitPatient(1, 7, null, "General"))
                .expectEvents(new PatientAdmitted(101, 1, 7, 7, "201", "General", NOW));
    }

    @Test
    void recordsAnObservationOnAnActiveEncounter() {
        fixture.given(admitted())
                .when(new RecordObservation(50, 101, 3, "Patient looks stable.", NOW))
                .expectEvents(new ObservationRecorded(50, 101, 1, 3, "Patient looks stable.", NOW))
                .expectResultMessagePayload(50L);
    }

    @Test
    void rejectsAnObservationOnADischargedEncounter() {
        fixture.given(admitted(), new PatientDischarged(101, 1, 5, NOW))
                .when(new RecordObservation(50, 101, 3, "Late note.", NOW))
                .expectNoEvents()
                .expectException(EncounterExceptions.NotActive.class);
    }

    private static final News2Breakdown BREAKDOWN = new News2Breakdown(2, 1, 0, 0, 1, 0, 0, 1);

    private static RecordNews2Score score(long readingId, int score, String risk) {
        return new RecordNews2Score(101, readingId, score, risk, BREAKDOWN, 60);
    }

    private static News2Scored scored(long readingId, int score, String risk) {
        return new News2Scored(101, 1, readingId, score, risk, BREAKDOWN, NOW, 60);
    }

    @Test
    void recordsTheNews2ScoreOfAReading() {
        fixture.given(admitted())
                .when(score(9001, 4, "low"))
                .expectEvents(scored(9001, 4, "low"));
    }

    @Test
    void recordsANewerScoreAfterAnOlderOne() {
        fixture.given(admitted(), scored(9001, 4, "low"))
                .when(score(9002, 5, "medium"))
                .expectEvents(scored(9002, 5, "medium"));
    }

    @Test
    void recordsARedeliveredScoreOnce() {
        fixture.given(admitted(), scored(9001, 4, "low"))
                .when(score(9001, 4, "low"))
                .expectNoEvents();
    }

    @Test
    void ignoresAScoreOfAnOlderReading() {
        fixture.given(admitted(), scored(9005, 7, "high"))
                .when(score(9003, 2, "low"))
                .expectNoEvents();
    }

    @Test
    void ignoresAScoreForADischargedEncounter() {
        fixture.given(admitted(), new PatientDischarged(101, 1, 5, NOW))
                .when(score(9001, 4, "low"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void switchesToSpo2ScaleTwoForTheCaller() {
        fixture.given(admitted())
                .when(new ChangeSpo2Scale(101, 2, 3, NOW))
                .expectEvents(new Spo2ScaleChanged(101, 1, 2, 3, NOW))
                .expectResultMessagePayload(2);
    }

    @Test
    void switchesBackToSpo2ScaleOne() {
        fixture.given(admitted(), new Spo2ScaleChanged(101, 1, 2, 3, NOW))
                .when(new ChangeSpo2Scale(101, 1, 4, NOW))
                .expectEvents(new Spo2ScaleChanged(101, 1, 1, 4, NOW));
    }

    @Test
    void choosingTheScaleInForceChangesNothing() {
        fixture.given(admitted(), new Spo2ScaleChanged(101, 1, 2, 3, NOW))
                .when(new ChangeSpo2Scale(101, 2, 4, NOW))
                .expectNoEvents()
                .expectResultMessagePayload(2);
    }

    @Test
    void scaleOneIsInForceFromAdmission() {
        fixture.given(admitted())
                .when(new ChangeSpo2Scale(101, 1, 3, NOW))
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void refusesAScaleNews2DoesNotHave() {
        fixture.given(admitted())
                .when(new ChangeSpo2Scale(101, 3, 3, NOW))
                .expectNoEvents()
                .expectException(EncounterExceptions.InvalidSpo2Scale.class);
    }

    @Test
    void refusesAScaleChangeOnADischargedEncounter() {
        fixture.given(admitted(), new PatientDischarged(101, 1, 5, NOW))
                .when(new ChangeSpo2Scale(101, 2, 3, NOW))
                .expectNoEvents()
                .expectException(EncounterExceptions.NotActive.class);
    }
}
