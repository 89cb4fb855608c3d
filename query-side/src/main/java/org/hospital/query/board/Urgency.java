package org.hospital.query.board;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The board's order of beds, most urgent first (docs/board.md, Order): the worse of the NEWS2 band and the most severe
 * unresolved alert (a critical alert counts like NEWS2 7+, high like 5-6, medium like a red score, low like 1-4), then
 * observations overdue, then the NEWS2 score, then the room number so that equal beds keep their place.
 */
final class Urgency {

    private Urgency() {
    }

    static int severityRank(String severity) {
        return switch (severity == null ? "" : severity) {
            case "critical" -> 4;
            case "high" -> 3;
            case "medium" -> 2;
            case "low" -> 1;
            default -> 0;
        };
    }

    static int of(News2Band band, List<BoardTile.Alert> unresolved) {
        int alerts = unresolved.stream().mapToInt(alert -> severityRank(alert.severity())).max().orElse(0);
        return Math.max(band.rank(), alerts);
    }

    static Comparator<BoardTile> mostUrgentFirst(Instant now) {
        return Comparator.comparingInt(BoardTile::urgency).reversed()
                .thenComparing(tile -> !tile.overdueAt(now))
                .thenComparing(tile -> tile.news2() == null ? -1 : tile.news2().score(), Comparator.reverseOrder())
                .thenComparing(tile -> tile.room().roomNumber(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(BoardTile::encounterId);
    }
}
