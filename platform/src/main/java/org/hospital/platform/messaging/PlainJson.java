package org.hospital.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads and writes the published language as plain snake_case JSON, the same shape the event store and the
 * Kafka topics use, for records sent with a plain Kafka producer ({@code vitals_stream}, {@code alerts},
 * {@code alert-commands}).
 */
public final class PlainJson {

    private static final ObjectMapper MAPPER = MessagingConfiguration.eventObjectMapper();

    private PlainJson() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
