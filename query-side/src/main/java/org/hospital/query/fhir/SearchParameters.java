package org.hospital.query.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * Reads a search's parameters strictly: a parameter this server does not support is refused (400) rather than
 * ignored, so a client never takes an unfiltered answer for a filtered one (docs/fhir.md, Searching).
 */
final class SearchParameters {

    /** Page size when {@code _count} is absent, and the most one page may hold. */
    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 1_000;

    static final String NEWS2 = "news2";
    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
    /** SNOMED CT (UK edition): "Royal College of Physicians NEWS2 (National Early Warning Score 2) total score". */
    static final String NEWS2_SNOMED = "1104051000000101";

    private static final Set<String> CONTROL = Set.of("_count", "_offset", "_sort", "_format", "_pretty");
    private static final List<String> ALL_KINDS;

    static {
        List<String> kinds = new ArrayList<>();
        for (VitalSign sign : VitalSign.values()) {
            kinds.add(sign.key());
        }
        kinds.add(NEWS2);
        ALL_KINDS = List.copyOf(kinds);
    }

    private final MultiValueMap<String, String> parameters;

    SearchParameters(MultiValueMap<String, String> parameters, Set<String> supported) {
        this.parameters = parameters;
        for (String name : parameters.keySet()) {
            if (!CONTROL.contains(name) && !supported.contains(name)) {
                throw new InvalidSearch("Unsupported search parameter: " + safe(name));
            }
        }
    }

    /** A reference parameter ({@code encounter=Encounter/12} or {@code encounter=12}); required. */
    long reference(String name, String type) {
        String value = single(name);
        if (value == null) {
            throw new InvalidSearch("The search needs the parameter " + name);
        }
        String id = value.startsWith(type + "/") ? value.substring(type.length() + 1) : value;
        try {
            long parsed = Long.parseLong(id);
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidSearch(name + " must be " + type + "/<id> or <id>, with a positive numeric id");
        }
    }

    int count() {
        String value = single("_count");
        if (value == null) {
            return DEFAULT_COUNT;
        }
        int count = integer("_count", value);
        if (count > MAX_COUNT) {
            throw new InvalidSearch("_count may be at most " + MAX_COUNT);
        }
        return count;
    }

    int offset() {
        String value = single("_offset");
        return value == null ? 0 : integer("_offset", value);
    }

    /** True for {@code _sort=date} (oldest first); newest first ({@code -date}) is the default. */
    boolean ascendingByDate() {
        String value = single("_sort");
        if (value == null || value.equals("-date")) {
            return false;
        }
        if (value.equals("date")) {
            return true;
        }
        throw new InvalidSearch("_sort supports date and -date");
    }

    DateRange dates() {
        List<String> values = parameters.getOrDefault("date", List.of());
        return DateRange.of(values);
    }

    /** The observation kinds {@code category} and {@code code} leave (both optional; each may list values). */
    List<String> observationKinds() {
        Set<String> kinds = new LinkedHashSet<>(ALL_KINDS);
        List<String> categories = values("category");
        if (!categories.isEmpty()) {
            Set<String> byCategory = new LinkedHashSet<>();
            for (String category : categories) {
                switch (withoutSystem(category, CATEGORY_SYSTEM)) {
                    case "vital-signs" -> ALL_KINDS.stream().filter(k -> !k.equals(NEWS2)).forEach(byCategory::add);
                    case "survey" -> byCategory.add(NEWS2);
                    default -> {
                        // A category no observation here has: the search matches nothing.
                    }
                }
            }
            kinds.retainAll(byCategory);
        }
        List<String> codes = values("code");
        if (!codes.isEmpty()) {
            Set<String> byCode = new LinkedHashSet<>();
            for (String code : codes) {
                if (code.equals(SNOMED + "|" + NEWS2_SNOMED) || code.equals(NEWS2_SNOMED)) {
                    byCode.add(NEWS2);
                } else {
                    VitalSign.byLoinc(withoutSystem(code, LOINC)).ifPresent(sign -> byCode.add(sign.key()));
                }
            }
            kinds.retainAll(byCode);
        }
        return List.copyOf(kinds);
    }

    /** Comma-separated values of every occurrence (FHIR's OR within one parameter). */
    private List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (String value : parameters.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    private String single(String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidSearch(name + " may be given once");
        }
        return values.getFirst();
    }

    private static String withoutSystem(String token, String system) {
        if (token.startsWith(system + "|")) {
            return token.substring(system.length() + 1);
        }
        return token.startsWith("|") ? token.substring(1) : token;
    }

    private static int integer(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidSearch(name + " must be a whole number, 0 or more");
        }
    }

    /** Parameter names are echoed in the error: only short, plain ones. */
    private static String safe(String name) {
        return name.matches("[A-Za-z0-9_:.\\-]{1,40}") ? name : "(unreadable name)";
    }
}
