package org.hospital.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

/**
 * Carries each event's position in the event store (its global index) across Kafka, so a reader can tell a client
 * that its write is visible ("read your writes"). The publisher adds the position as a record header; consumers
 * find it in the event's metadata under {@link #METADATA_KEY}. Write responses carry the same number.
 */
public final class PositionCarryingConverter implements KafkaMessageConverter<String, byte[]> {

    /** Metadata key under which a consumed event carries its event-store position. */
    public static final String METADATA_KEY = "event_position";
    static final String HEADER = "hospital-event-position";

    private final KafkaMessageConverter<String, byte[]> delegate;

    PositionCarryingConverter(KafkaMessageConverter<String, byte[]> delegate) {
        this.delegate = delegate;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
        ProducerRecord<String, byte[]> record = delegate.createKafkaMessage(event, topic);
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            tracked.trackingToken().position().ifPresent(position -> record.headers()
                    .add(HEADER, Long.toString(position).getBytes(StandardCharsets.US_ASCII)));
        }
        return record;
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(HEADER);
        Optional<EventMessage<?>> event = delegate.readKafkaMessage(record);
        if (header == null) {
            return event;
        }
        long position = Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
        return event.map(e -> e.andMetaData(Map.of(METADATA_KEY, position)));
    }
}
