package org.hospital.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

class PublishedEventsTest {

    private static final TopicPartition VITALS_0 = new TopicPartition("vitals_stream", 0);
    private static final TopicPartition VITALS_1 = new TopicPartition("vitals_stream", 1);

    private final AtomicInteger reads = new AtomicInteger();
    private Map<TopicPartition, Set<String>> onTheTopics = Map.of(VITALS_0, Set.of("e101", "e103"));
    private final PublishedEvents published = new PublishedEvents(List.of("vitals_stream"), topics -> {
        reads.incrementAndGet();
        return onTheTopics;
    });

    @Test
    void knowsTheEventsOnEachPartitionAfterTheStoredPosition() {
        assertThat(published.isPublished(VITALS_0, "e101")).isTrue();
        assertThat(published.isPublished(VITALS_0, "e102")).as("its send failed, a later one got through").isFalse();
        assertThat(published.isPublished(VITALS_1, "e101")).isFalse();
        assertThat(reads).hasValue(1);
    }

    @Test
    void forgetsWhatACommitCoversAndReadsAgainAfterARollback() {
        assertThat(published.isPublished(VITALS_0, "e101")).isTrue();

        published.committed();
        assertThat(published.isPublished(VITALS_0, "e101")).as("covered by the stored position now").isFalse();
        assertThat(reads).hasValue(1);

        onTheTopics = Map.of(VITALS_1, Set.of("e105"));
        published.forget();
        assertThat(published.isPublished(VITALS_1, "e105")).isTrue();
        assertThat(reads).hasValue(2);
    }

    @Test
    void carriesThePositionInAHeaderAndIgnoresAHeaderItCannotRead() {
        GapAwareTrackingToken position = GapAwareTrackingToken.newInstance(1042, new TreeSet<>(List.of(1017L, 1020L)));
        byte[] value = PublishedEvents.encode(position);
        assertThat(new String(value)).isEqualTo("1042,1017,1020");
        assertThat(PublishedEvents.decodePosition(new RecordHeader(PublishedEvents.POSITION_HEADER, value)))
                .contains(position);
        assertThat(PublishedEvents.decodePosition(new RecordHeader(PublishedEvents.POSITION_HEADER, "x".getBytes())))
                .isEmpty();
        assertThat(PublishedEvents.decodePosition(null)).isEmpty();
    }
}
