package org.hospital.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.hospital.events.PatientDischarged;
import org.junit.jupiter.api.Test;

class PositionCarryingConverterTest {

    private final PositionCarryingConverter converter = new PositionCarryingConverter(DefaultKafkaMessageConverter.builder()
            .serializer(JacksonSerializer.builder().objectMapper(MessagingConfiguration.eventObjectMapper()).build())
            .sequencingPolicy(EncounterSequencingPolicy.INSTANCE)
            .build());

    private final GenericDomainEventMessage<PatientDischarged> discharged = new GenericDomainEventMessage<>(
            "Encounter", "encounter-10", 3, new PatientDischarged(10, 1, 5, Instant.parse("2026-01-01T10:00:00Z")));

    @Test
    void carriesTheEventStorePositionToTheConsumer() {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(
                new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(42), discharged), "topic");

        EventMessage<?> consumed = converter.readKafkaMessage(asConsumed(record)).orElseThrow();

        assertThat(consumed.getMetaData()).containsEntry(PositionCarryingConverter.METADATA_KEY, 42L);
        assertThat(consumed.getPayload()).isEqualTo(discharged.getPayload());
    }

    @Test
    void keysEveryRecordByEncounter() {
        assertThat(converter.createKafkaMessage(discharged, "topic").key()).isEqualTo("10");
    }

    @Test
    void leavesEventsWithoutPositionWithoutIt() {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(discharged, "topic");

        EventMessage<?> consumed = converter.readKafkaMessage(asConsumed(record)).orElseThrow();

        assertThat(consumed.getMetaData()).doesNotContainKey(PositionCarryingConverter.METADATA_KEY);
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0, record.key(),
                record.value(), new RecordHeaders(record.headers().toArray()), java.util.Optional.empty());
    }
}
