package org.hospital.platform.sides;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The three deployable sides of the system. */
public enum Side {
    COMMAND, QUERY, ALERTING;

    public static final String PROPERTY = "hospital.sides";

    /** Parses {@code hospital.sides}; blank or {@code all} means every side. */
    public static Set<Side> parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("all")) {
            return Set.of(values());
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> Side.valueOf(s.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toUnmodifiableSet());
    }
}
