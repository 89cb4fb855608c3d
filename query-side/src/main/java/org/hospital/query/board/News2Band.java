package org.hospital.query.board;

import java.time.Duration;

/**
 * The RCP 2017 NEWS2 bands as the board shows them (chart 3: 0, 1-4, a 3 in one parameter, 5-6, 7 or more) with the
 * monitoring interval of each (chart 4; used only for scores recorded before {@code News2Scored} carried the
 * alerting side's own interval). {@code rank} orders them by clinical urgency. The band is always written
 * next to its colour on the page (docs/board.md, Accessibility).
 */
enum News2Band {

    NONE("none", "No score yet", 0, Duration.ofHours(12)),
    ZERO("zero", "0: low", 0, Duration.ofHours(12)),
    LOW("low", "1-4: low", 1, Duration.ofHours(4)),
    RED("red", "3 in one parameter: low-medium", 2, Duration.ofHours(1)),
    MEDIUM("medium", "5-6: medium", 3, Duration.ofHours(1)),
    // "Continuous monitoring": the alerting side's default hospital.alerting.news2-continuous-interval.
    HIGH("high", "7 or more: high", 4, Duration.ofMinutes(15));

    private final String wireName;
    private final String label;
    private final int rank;
    private final Duration monitoringInterval;

    News2Band(String wireName, String label, int rank, Duration monitoringInterval) {
        this.wireName = wireName;
        this.label = label;
        this.rank = rank;
        this.monitoringInterval = monitoringInterval;
    }

    /**
     * The band of an aggregate and the risk the alerting side computed with it ({@code low-medium} is the red score,
     * a 3 in one parameter with an aggregate below 5).
     */
    static News2Band of(Integer score, String risk) {
        if (score == null) {
            return NONE;
        }
        if (score >= 7) {
            return HIGH;
        }
        if (score >= 5) {
            return MEDIUM;
        }
        if ("low-medium".equals(risk)) {
            return RED;
        }
        return score == 0 ? ZERO : LOW;
    }

    String wireName() {
        return wireName;
    }

    String label() {
        return label;
    }

    int rank() {
        return rank;
    }

    Duration monitoringInterval() {
        return monitoringInterval;
    }
}
