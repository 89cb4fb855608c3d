package org.hospital.query.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The instants a search's {@code date} parameters allow: from {@code from} (inclusive) to {@code before} (exclusive),
 * either open. A FHIR date value is a range (a day is the whole day, UTC); its prefix picks which bound it sets
 * (FHIR R4 search, "date"): eq both, ge/gt and le/lt one each, gt and le after the value's end.
 */
record DateRange(Instant from, Instant before) {

    static final DateRange ANY = new DateRange(null, null);

    /** Each value narrows the range (repeated parameters are combined with AND). */
    static DateRange of(List<String> values) {
        DateRange range = ANY;
        for (String value : values) {
            range = range.narrowedBy(value);
        }
        return range;
    }

    private DateRange narrowedBy(String parameter) {
        String prefix = parameter.length() > 2 && Character.isLetter(parameter.charAt(0)) ? parameter.substring(0, 2)
                : "eq";
        String value = parameter.length() > 2 && Character.isLetter(parameter.charAt(0)) ? parameter.substring(2)
                : parameter;
        Instant start;
        Instant end;
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
                end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else {
                start = OffsetDateTime.parse(value).toInstant();
                end = start.plusNanos(1_000);
            }
        } catch (DateTimeParseException e) {
            throw new InvalidSearch("date must be YYYY-MM-DD or a date-time with a time zone, optionally after "
                    + "eq, gt, ge, lt or le");
        }
        return switch (prefix) {
            case "eq" -> new DateRange(later(from, start), earlier(before, end));
            case "ge" -> new DateRange(later(from, start), before);
            case "gt" -> new DateRange(later(from, end), before);
            case "le" -> new DateRange(from, earlier(before, end));
            case "lt" -> new DateRange(from, earlier(before, start));
            default -> throw new InvalidSearch("date prefix must be eq, gt, ge, lt or le");
        };
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
