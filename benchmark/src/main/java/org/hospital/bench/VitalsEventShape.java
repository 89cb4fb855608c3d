package org.hospital.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.DefaultRecord;

/**
 * A {@code VitalsRecorded} event shaped as the system writes it: the event store row ({@code domain_event_entry},
 * snake_case JSON payload and audit metadata) and the record on the domain-event topic (encounter id as key, the
 * payload as value, Axon's headers plus the event position). Copied from events the system stored and published on
 * 2026-11-27: a 296-byte payload, 117 bytes of metadata and 12 headers.
 */
final class VitalsEventShape {

    static final String PAYLOAD_TYPE = SystemDatabase.VITALS_RECORDED;
    static final String AGGREGATE_TYPE = "Encounter";
    private static final Instant EPOCH = Instant.parse("2026-11-27T15:43:11.833Z");

    private VitalsEventShape() {
    }

    /** One event store row; {@code index} numbers the rows of a run, spread round-robin over the encounters. */
    record Row(String aggregateIdentifier, long sequenceNumber, String eventIdentifier, byte[] metaData,
               byte[] payload, String timeStamp) {

        static Row of(long index, int encounters) {
            long encounterId = index % encounters + 1;
            Instant timestamp = EPOCH.plusMillis(index);
            return new Row(aggregateId(encounterId), index / encounters, UUID.randomUUID().toString(),
                    VitalsEventShape.metadata(index), VitalsEventShape.payload(index + 1, encounterId, timestamp),
                    timestamp.plusMillis(100).toString());
        }

        int bytes() {
            return metaData.length + payload.length;
        }
    }

    static String aggregateId(long encounterId) {
        return "encounter-" + encounterId;
    }

    /** The event's JSON as the system's event serializer writes it: field order, nulls and instants included. */
    static byte[] payload(long readingId, long encounterId, Instant timestamp) {
        Instant receivedAt = timestamp.plusNanos(78_216_000).truncatedTo(ChronoUnit.MICROS);
        return String.format(Locale.ROOT, "{\"reading_id\":%d,\"encounter_id\":%d,\"patient_id\":%d,"
                        + "\"timestamp\":\"%s\",\"hr_bpm\":%d,\"spo2_pct\":97,\"temp_c\":36.8,\"bp_systolic\":120,"
                        + "\"bp_diastolic\":80,\"resp_rate\":16,\"on_oxygen\":null,\"consciousness\":null,"
                        + "\"device_flags\":[],\"received_at\":\"%s\",\"source\":\"user:3\"}",
                readingId, encounterId, encounterId + 2, timestamp.truncatedTo(ChronoUnit.MILLIS), 69 + readingId % 30,
                receivedAt).getBytes(StandardCharsets.UTF_8);
    }

    /** The audit metadata copied from the command (who, from where, which request). */
    static byte[] metadata(long requestNumber) {
        return String.format(Locale.ROOT, "{\"actor_user_id\":3,\"client_address\":\"127.0.0.1\","
                        + "\"request_id\":\"%032x\",\"actor_role\":\"nurse\"}", requestNumber)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The headers the system's Kafka publisher adds to each domain-event record. */
    static Header[] headers(Row row) {
        return new Header[] {
                header("axon-metadata-actor_user_id", "3"),
                header("axon-metadata-client_address", "127.0.0.1"),
                header("axon-metadata-request_id", "1a3675d46132433dbbc3b29054c701b7"),
                header("axon-metadata-actor_role", "nurse"),
                header("axon-message-id", row.eventIdentifier()),
                new RecordHeader("axon-message-aggregate-seq", ByteBuffer.allocate(8).putLong(0, row.sequenceNumber())
                        .array()),
                header("axon-message-aggregate-type", AGGREGATE_TYPE),
                header("axon-message-revision", "null"),
                new RecordHeader("axon-message-timestamp", ByteBuffer.allocate(8).putLong(0, EPOCH.toEpochMilli())
                        .array()),
                header("axon-message-type", PAYLOAD_TYPE),
                header("axon-message-aggregate-id", row.aggregateIdentifier()),
                header("hospital-event-position", "15000")};
    }

    /** Bytes of one record inside a record batch (key, value, headers and their framing), as Kafka counts them. */
    static int recordBytes(Row row) {
        byte[] key = row.aggregateIdentifier().substring("encounter-".length()).getBytes(StandardCharsets.UTF_8);
        return DefaultRecord.sizeInBytes(0, 0, ByteBuffer.wrap(key), ByteBuffer.wrap(row.payload()), headers(row));
    }

    /**
     * The value size of a record without key and headers (what Kafka's producer performance tool sends) that takes
     * as many bytes in a batch as the given record.
     */
    static int equivalentValueSize(int recordBytes) {
        int value = recordBytes;
        while (value > 0 && DefaultRecord.sizeInBytes(0, 0, null, ByteBuffer.allocate(value), new Header[0])
                > recordBytes) {
            value--;
        }
        return value;
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
