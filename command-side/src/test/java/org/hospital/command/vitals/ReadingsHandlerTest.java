package org.hospital.command.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hospital.command.encounter.Encounter;
import org.hospital.command.encounter.NewReading;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.VitalsRecorded;
import org.hospital.platform.error.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readings stored on the encounter aggregate by {@link ReadingsHandler}, each at most once. */
class ReadingsHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private AggregateTestFixture<Encounter> fixture;
    private InMemoryVitalsDedup dedup;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Encounter.class);
        // The handler loads encounters itself; the aggregate's own handlers are not exercised here.
        dedup = new InMemoryVitalsDedup();
        fixture.registerAnnotatedCommandHandler(new ReadingsHandler(fixture.getRepository(), dedup));
    }

    private static PatientAdmitted admitted() {
        return new PatientAdmitted(101, 1, 7, 5, "101", "ICU", NOW.minusSeconds(3600));
    }

    private static NewReading reading(long patientId) {
        return reading(9001, patientId, 80, null);
    }

    private static NewReading reading(long readingId, long patientId, int heartRate, String idempotencyKey) {
        return new NewReading(readingId, 101, patientId, NOW.minusSeconds(30), heartRate, 98, 37.0, 120, 80, 16,
                false, "A", List.of(), NOW, "user:3", idempotencyKey, Map.of());
    }

    /** A reading with a pulse only, as a device that measures nothing else sends it. */
    private static NewReading pulse(long readingId, long patientId, Instant measuredAt, int heartRate) {
        return new NewReading(readingId, 101, patientId, measuredAt, heartRate, null, null, null, null, null, null,
                null, List.of(), NOW, "user:3", null, Map.of());
    }

    private static RecordReadings readings(NewReading... readings) {
        return new RecordReadings(List.of(readings));
    }

    @Test
    void recordsVitalsOnAnActiveEncounter() {
        fixture.given(admitted())
                .when(readings(reading(1)))
                .expectEvents(new VitalsRecorded(9001, 101, 1, NOW.minusSeconds(30), 80, 98, 37.0, 120, 80, 16,
                        false, "A", List.of(), NOW, "user:3"))
                .expectResultMessagePayload(List.of(new ReadingOutcome.Stored(9001)));
        assertThat(dedup.rows).hasSize(1);
    }

    @Test
    void answersARetriedReadingWithItsOriginalIdAndStoresNothing() {
        dedup.claim(reading(5000, 1, 80, "key-1"));
        fixture.given(admitted())
                .when(readings(reading(9001, 1, 80, "key-1")))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new ReadingOutcome.Duplicate(5000)));
    }

    @Test
    void refusesADifferentReadingUnderAnIdempotencyKeyAlreadyUsed() {
        dedup.claim(reading(5000, 1, 80, "key-1"));
        fixture.given(admitted())
                .when(readings(new NewReading(9001, 101, 1, NOW.minusSeconds(10), 81, 98, 37.0, 120, 80, 16,
                        false, "A", List.of(), NOW, "user:3", "key-1", Map.of())))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new ReadingOutcome.Rejected(ErrorCode.CONFLICT,
                        ReadingsHandler.KEY_REUSED)));
    }

    /** An unknown encounter in a batch is covered against PostgreSQL: the fixture holds one aggregate only. */
    @Test
    void storesTheValidReadingsOfABatchAndReportsTheOthers() {
        NewReading otherPatient = pulse(9002, 2, NOW.minusSeconds(20), 90);
        NewReading later = pulse(9004, 1, NOW.minusSeconds(5), 100);
        fixture.given(admitted())
                .when(readings(reading(1), otherPatient, later))
                .expectEvents(new VitalsRecorded(9001, 101, 1, NOW.minusSeconds(30), 80, 98, 37.0, 120, 80, 16,
                                false, "A", List.of(), NOW, "user:3"),
                        new VitalsRecorded(9004, 101, 1, NOW.minusSeconds(5), 100, null, null, null, null, null,
                                null, null, List.of(), NOW, "user:3"))
                .expectResultMessagePayload(List.of(new ReadingOutcome.Stored(9001),
                        new ReadingOutcome.Rejected(ErrorCode.CONFLICT, "Encounter does not belong to this patient"),
                        new ReadingOutcome.Stored(9004)));
    }

    @Test
    void refusesAReadingMeasuredMoreThanADayBeforeTheAdmission() {
        Instant admittedAt = NOW.minusSeconds(3600);
        NewReading tenYearsEarlier = pulse(9002, 1, admittedAt.minus(Duration.ofDays(3653)), 90);
        NewReading dayAndASecondEarlier = pulse(9003, 1, admittedAt.minus(Duration.ofDays(1)).minusSeconds(1), 90);
        NewReading aDayEarlier = pulse(9004, 1, admittedAt.minus(Duration.ofDays(1)), 90);
        ReadingOutcome.Rejected tooEarly = new ReadingOutcome.Rejected(ErrorCode.VALIDATION_FAILED,
                "timestamp must not be more than 24 hours before the encounter's admission");
        fixture.given(admitted())
                .when(readings(tenYearsEarlier, dayAndASecondEarlier, aDayEarlier))
                .expectEvents(new VitalsRecorded(9004, 101, 1, admittedAt.minus(Duration.ofDays(1)), 90, null, null,
                        null, null, null, null, null, List.of(), NOW, "user:3"))
                .expectResultMessagePayload(List.of(tooEarly, tooEarly, new ReadingOutcome.Stored(9004)));
    }

    @Test
    void goesToTheKeyStoreOnceForABatchAndOnceMoreOnlyForTheReadingsItCouldNotStore() {
        dedup.claim(reading(5000, 1, 80, "key-7"));
        List<NewReading> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(pulse(9100 + i, 1, NOW.minusSeconds(1000 - i), 70 + i % 50));
        }
        batch.add(reading(9001, 1, 80, "key-7"));
        batch.add(pulse(9002, 1, NOW.minusSeconds(1000), 99));
        fixture.given(admitted())
                .when(readings(batch.toArray(NewReading[]::new)))
                .expectResultMessagePayloadMatching(new CustomTypeSafeMatcher<List<ReadingOutcome>>(
                        "200 stored, a retry and a reused key") {
                    @Override
                    protected boolean matchesSafely(List<ReadingOutcome> outcomes) {
                        return outcomes.subList(0, 200).stream().allMatch(o -> o instanceof ReadingOutcome.Stored)
                                && outcomes.get(200).equals(new ReadingOutcome.Duplicate(5000))
                                && outcomes.get(201).equals(new ReadingOutcome.Rejected(ErrorCode.CONFLICT,
                                ReadingsHandler.KEY_REUSED));
                    }
                });
        assertThat(dedup.claimCalls).as("one claim for the whole batch").isEqualTo(1);
        assertThat(dedup.lookUpCalls).as("one look-up, for the two readings not stored").isEqualTo(1);
        assertThat(dedup.rows).hasSize(201);
    }

    @Test
    void neverLooksUpKeysWhenEveryReadingIsStored() {
        fixture.given(admitted())
                .when(readings(reading(1), pulse(9004, 1, NOW.minusSeconds(5), 100)))
                .expectSuccessfulHandlerExecution();
        assertThat(dedup.claimCalls).isEqualTo(1);
        assertThat(dedup.lookUpCalls).isZero();
    }

    @Test
    void rejectsVitalsOnADischargedEncounter() {
        fixture.given(admitted(), new PatientDischarged(101, 1, 5, NOW))
                .when(readings(reading(1)))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new ReadingOutcome.Rejected(ErrorCode.CONFLICT,
                        "Encounter is not active")));
        assertThat(dedup.rows).isEmpty();
    }

    @Test
    void rejectsVitalsForAnotherPatient() {
        fixture.given(admitted())
                .when(readings(reading(2)))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new ReadingOutcome.Rejected(ErrorCode.CONFLICT,
                        "Encounter does not belong to this patient")));
    }
}
