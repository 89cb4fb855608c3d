package org.hospital.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

class PublishedTailsTest {

    private static final TopicPartition VITALS_0 = new TopicPartition("vitals_stream", 0);
    private static final TopicPartition VITALS_1 = new TopicPartition("vitals_stream", 1);

    private final AtomicInteger reads = new AtomicInteger();
    private Map<TopicPartition, Optional<GapAwareTrackingToken>> onTheTopics = Map.of(
            VITALS_0, Optional.of(position(100, 95, 97)), VITALS_1, Optional.empty());
    private final PublishedTails tails = new PublishedTails(List.of("vitals_stream"), topics -> {
        reads.incrementAndGet();
        return onTheTopics;
    });

    @Test
    void countsAnEventAsPublishedWhenTheLastRecordsPositionCoversItsIndex() {
        assertThat(tails.isPublished(VITALS_0, 100)).isTrue();
        assertThat(tails.isPublished(VITALS_0, 96)).isTrue();
        assertThat(tails.isPublished(VITALS_0, 95)).as("a gap: its event came later").isFalse();
        assertThat(tails.isPublished(VITALS_0, 101)).isFalse();
        assertThat(tails.isPublished(VITALS_1, 1)).as("an empty partition").isFalse();
        assertThat(reads).hasValue(1);
    }

    @Test
    void remembersWhatItSentAndReadsTheTopicsAgainOnceItForgets() {
        assertThat(tails.isPublished(VITALS_1, 110)).isFalse();
        tails.sent(VITALS_1, position(120));
        assertThat(tails.isPublished(VITALS_1, 110)).isTrue();

        onTheTopics = Map.of(VITALS_0, Optional.of(position(130)), VITALS_1, Optional.of(position(105)));
        tails.forget();
        assertThat(tails.isPublished(VITALS_1, 110)).as("the send was not written").isFalse();
        assertThat(tails.isPublished(VITALS_0, 95)).as("another instance published it meanwhile").isTrue();
        assertThat(reads).hasValue(2);
    }

    @Test
    void carriesThePositionInAHeaderAndIgnoresAHeaderItCannotRead() {
        GapAwareTrackingToken position = position(1042, 1017, 1020);
        byte[] value = PublishedTails.encode(position);
        assertThat(new String(value)).isEqualTo("1042,1017,1020");
        assertThat(PublishedTails.decode(new RecordHeader(PublishedTails.HEADER, value))).contains(position);
        assertThat(PublishedTails.decode(new RecordHeader(PublishedTails.HEADER, "x,1".getBytes()))).isEmpty();
        assertThat(PublishedTails.decode(null)).isEmpty();
    }

    private static GapAwareTrackingToken position(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(index, LongStream.of(gaps).boxed()
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
