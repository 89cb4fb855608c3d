package org.hospital.platform.web;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Paths a side serves as static files rather than from a controller (the ward board's page and assets,
 * docs/board.md). {@link UnknownRouteFilter} lets GET and HEAD requests for them through to Spring's resource
 * handling instead of answering 404; the side's own security rules must still permit them ({@link #pathPatterns()}).
 *
 * @param paths    exact paths, such as {@code /}
 * @param prefixes path prefixes ending in {@code /}, such as {@code /ui/}
 */
public record StaticPages(Set<String> paths, List<String> prefixes) {

    public StaticPages {
        paths = Set.copyOf(paths);
        prefixes = List.copyOf(prefixes);
    }

    public boolean serves(String path) {
        return paths.contains(path) || prefixes.stream().anyMatch(path::startsWith);
    }

    /** The same paths as request-matcher patterns (each prefix with {@code **}), for the side's security rules. */
    public String[] pathPatterns() {
        return Stream.concat(paths.stream().sorted(), prefixes.stream().map(prefix -> prefix + "**"))
                .toArray(String[]::new);
    }
}
