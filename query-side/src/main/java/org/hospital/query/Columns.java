package org.hospital.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Conversions between event values and view columns. Instants go to {@code timestamptz} as UTC offsets (the
 * PostgreSQL driver has no mapping for {@link Instant}); nullable numbers are read as objects, never as 0.
 */
public final class Columns {

    private Columns() {
    }

    /**
     * One column of a batch's rows as an array parameter, for writing the batch with one statement
     * ({@code INSERT ... SELECT FROM unnest(?::bigint[], ...)}).
     */
    public static <R, T> T[] column(List<R> rows, Function<R, ? extends T> value, IntFunction<T[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    /** An instant as text PostgreSQL reads into {@code timestamptz} (inside arrays, where no JDBC mapping applies). */
    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Long bigint(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static Double decimal(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    public static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }
}
