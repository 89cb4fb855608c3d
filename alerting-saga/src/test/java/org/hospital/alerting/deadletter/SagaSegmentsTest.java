package org.hospital.alerting.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

/** The segment that parks an encounter is the one Axon's saga manager hands its events to. */
class SagaSegmentsTest {

    private final Segment[] two = Segment.computeSegments(0, 1);

    @Test
    void exactlyOneSegmentHandlesAnEncounterWithoutSagaAndItIsTheOneThatCreatesIt() {
        IntStream.range(0, 200).mapToObj(String::valueOf).forEach(encounter -> {
            List<Segment> owners = List.of(two).stream()
                    .filter(segment -> SagaSegments.owns(segment, encounter, List.of())).toList();
            assertThat(owners).hasSize(1);
            assertThat(SagaSegments.creating(encounter, new int[] {0, 1})).isEqualTo(owners.getFirst());
        });
    }

    @Test
    void theSegmentOfTheSagaIdentifierHandlesAnEncounterWithSaga() {
        IntStream.range(0, 200).mapToObj(i -> "saga-" + i).forEach(sagaId -> {
            for (Segment segment : two) {
                assertThat(SagaSegments.owns(segment, "12", List.of(sagaId))).isEqualTo(segment.matches(sagaId));
            }
        });
    }

    @Test
    void theRootSegmentHandlesEverything() {
        assertThat(SagaSegments.owns(Segment.ROOT_SEGMENT, "12", List.of("any"))).isTrue();
        assertThat(SagaSegments.creating("12", new int[] {0})).isEqualTo(Segment.ROOT_SEGMENT);
    }
}
