package org.hospital.query.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UrgencyTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aCriticalAlertCountsLikeTheHighestNews2Band() {
        assertThat(Urgency.of(News2Band.LOW, List.of(alert("critical")))).isEqualTo(News2Band.HIGH.rank());
        assertThat(Urgency.of(News2Band.HIGH, List.of(alert("medium")))).isEqualTo(News2Band.HIGH.rank());
        assertThat(Urgency.of(News2Band.ZERO, List.of())).isZero();
    }

    @Test
    void sortsByUrgencyThenOverdueThenScoreThenRoom() {
        BoardTile calm = tile(1, "103", News2Band.ZERO, 0, NOW.plusSeconds(3600));
        BoardTile calmOverdue = tile(2, "104", News2Band.ZERO, 0, NOW.minusSeconds(60));
        BoardTile lowFour = tile(3, "102", News2Band.LOW, 4, NOW.plusSeconds(3600));
        BoardTile lowOne = tile(4, "101", News2Band.LOW, 1, NOW.plusSeconds(3600));
        BoardTile high = tile(5, "105", News2Band.HIGH, 8, NOW.plusSeconds(600));

        List<Long> order = Stream.of(calm, lowOne, calmOverdue, high, lowFour)
                .sorted(Urgency.mostUrgentFirst(NOW)).map(BoardTile::encounterId).toList();

        assertThat(order).containsExactly(5L, 3L, 4L, 2L, 1L);
    }

    private static BoardTile.Alert alert(String severity) {
        return new BoardTile.Alert(1, "TACHYCARDIA", severity, "", "open", NOW, 1, NOW);
    }

    private static BoardTile tile(long encounterId, String room, News2Band band, int score, Instant due) {
        var news2 = new BoardTile.News2(score, "low", band.wireName(), band.label(), NOW);
        return new BoardTile(encounterId, new BoardTile.Patient(encounterId, "P", 50, "F"),
                new BoardTile.Room(encounterId, room), "ICU", NOW, null, news2, List.of(),
                new BoardTile.AlertCounts(0, 0, 0, 0), NOW, due, Urgency.of(band, List.of()));
    }
}
