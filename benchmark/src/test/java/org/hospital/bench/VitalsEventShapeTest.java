package org.hospital.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.DefaultRecord;
import org.junit.jupiter.api.Test;

class VitalsEventShapeTest {

    /** The payload of the first reading the system stored in a run on 2026-11-27, copied from domain_event_entry. */
    private static final String STORED_PAYLOAD = "{\"reading_id\":1,\"encounter_id\":2,\"patient_id\":4,"
            + "\"timestamp\":\"2026-11-27T15:43:11.833Z\",\"hr_bpm\":70,\"spo2_pct\":97,\"temp_c\":36.8,"
            + "\"bp_systolic\":120,\"bp_diastolic\":80,\"resp_rate\":16,\"on_oxygen\":null,\"consciousness\":null,"
            + "\"device_flags\":[],\"received_at\":\"2026-11-27T15:43:11.911216Z\",\"source\":\"user:3\"}";

    @Test
    void writesThePayloadByteForByteAsTheSystemStoresIt() {
        byte[] payload = VitalsEventShape.payload(1, 2, Instant.parse("2026-11-27T15:43:11.833Z"));

        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo(STORED_PAYLOAD);
        assertThat(payload).hasSize(296);
    }

    @Test
    void writesMetadataOfTheStoredLength() {
        assertThat(VitalsEventShape.metadata(42)).hasSize(117);
        assertThat(new String(VitalsEventShape.metadata(42), StandardCharsets.UTF_8))
                .contains("\"request_id\":\"0000000000000000000000000000002a\"");
    }

    @Test
    void spreadsRowsOverTheEncountersWithoutRepeatingAnAggregateSequence() {
        Set<String> keys = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        Set<String> aggregates = new HashSet<>();
        LongStream.range(0, 3_000).mapToObj(index -> VitalsEventShape.Row.of(index, 1_000)).forEach(row -> {
            keys.add(row.aggregateIdentifier() + "#" + row.sequenceNumber());
            eventIds.add(row.eventIdentifier());
            aggregates.add(row.aggregateIdentifier());
        });

        assertThat(keys).hasSize(3_000);
        assertThat(eventIds).hasSize(3_000);
        assertThat(aggregates).hasSize(1_000).contains("encounter-1", "encounter-1000");
    }

    @Test
    void givesTheRowTheEventsReadingAndEncounter() {
        VitalsEventShape.Row row = VitalsEventShape.Row.of(1_001, 1_000);

        assertThat(row.aggregateIdentifier()).isEqualTo("encounter-2");
        assertThat(row.sequenceNumber()).isEqualTo(1);
        assertThat(new String(row.payload(), StandardCharsets.UTF_8))
                .startsWith("{\"reading_id\":1002,\"encounter_id\":2,");
        assertThat(row.bytes()).isEqualTo(row.payload().length + row.metaData().length);
    }

    @Test
    void countsARecordWithTheSystemsKeyAndHeadersAtAboutSevenHundredSeventyBytes() {
        VitalsEventShape.Row row = VitalsEventShape.Row.of(100_000, 1_000);

        int bytes = VitalsEventShape.recordBytes(row);

        // 296-300 bytes of payload, 12 headers of about 434 bytes, their framing and the record's own fields
        assertThat(VitalsEventShape.headers(row)).hasSize(12);
        assertThat(bytes).isBetween(760, 790);
    }

    @Test
    void choosesTheLargestPlainValueThatFitsInTheSameRecordBytes() {
        int recordBytes = 776;

        int value = VitalsEventShape.equivalentValueSize(recordBytes);

        assertThat(plainRecordBytes(value)).isLessThanOrEqualTo(recordBytes);
        assertThat(plainRecordBytes(value + 1)).isGreaterThan(recordBytes);
        assertThat(value).isBetween(760, 775);
    }

    private static int plainRecordBytes(int valueSize) {
        return DefaultRecord.sizeInBytes(0, 0, null, ByteBuffer.allocate(valueSize), new Header[0]);
    }
}
