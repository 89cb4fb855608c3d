package org.hospital.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class PublishedEventsTest {

    private static final TopicPartition VITALS_0 = new TopicPartition("vitals_stream", 0);
    private static final TopicPartition VITALS_1 = new TopicPartition("vitals_stream", 1);

    private final AtomicInteger reads = new AtomicInteger();
    private Map<TopicPartition, Set<Long>> onTheTopics = Map.of(VITALS_0, Set.of(101L, 103L));
    private final PublishedEvents published = new PublishedEvents(List.of("vitals_stream"), topics -> {
        reads.incrementAndGet();
        return onTheTopics;
    });

    @Test
    void knowsTheEventsOnEachPartitionAfterTheStoredPosition() {
        assertThat(published.isPublished(VITALS_0, 101)).isTrue();
        assertThat(published.isPublished(VITALS_0, 102)).as("its send failed, a later one got through").isFalse();
        assertThat(published.isPublished(VITALS_1, 101)).isFalse();
        assertThat(reads).hasValue(1);
    }

    @Test
    void addsWhatItSendsForgetsWhatACommitCoversAndReadsAgainAfterARollback() {
        assertThat(published.isPublished(VITALS_1, 104)).isFalse();
        published.sent(VITALS_1, 104);
        assertThat(published.isPublished(VITALS_1, 104)).isTrue();

        published.committed();
        assertThat(published.isPublished(VITALS_0, 101)).as("covered by the stored position now").isFalse();
        assertThat(reads).hasValue(1);

        onTheTopics = Map.of(VITALS_1, Set.of(105L));
        published.forget();
        assertThat(published.isPublished(VITALS_1, 105)).isTrue();
        assertThat(reads).hasValue(2);
    }

    @Test
    void carriesTheIndexInAHeaderAndIgnoresAHeaderItCannotRead() {
        assertThat(PublishedEvents.decode(new RecordHeader(PublishedEvents.HEADER, PublishedEvents.encode(1042))))
                .hasValue(1042);
        assertThat(PublishedEvents.decode(new RecordHeader(PublishedEvents.HEADER, "x".getBytes()))).isEmpty();
        assertThat(PublishedEvents.decode(null)).isEmpty();
    }
}
