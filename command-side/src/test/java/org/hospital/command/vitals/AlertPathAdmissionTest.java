package org.hospital.command.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import org.hospital.command.vitals.AlertPathAdmission.AlertPathReport;
import org.junit.jupiter.api.Test;

class AlertPathAdmissionTest {

    private static final double UNLIMITED = Double.POSITIVE_INFINITY;
    private static final long TARGET_MS = 1000;

    @Test
    void admitsEverythingWithoutAFreshReport() {
        assertThat(AlertPathAdmission.nextLimit(50, AlertPathReport.NONE, TARGET_MS, 3000, 3000, true))
                .isEqualTo(UNLIMITED);
    }

    @Test
    void admitsEverythingWhileTheAlertPathKeepsUp() {
        AlertPathReport onTime = new AlertPathReport(400, 1000);
        assertThat(AlertPathAdmission.nextLimit(UNLIMITED, onTime, TARGET_MS, 1000, 1000, true)).isEqualTo(UNLIMITED);
    }

    @Test
    void cutsWhatThisInstanceAdmitsInProportionToHowFarBehindTheAlertPathIs() {
        AlertPathReport slightlyBehind = new AlertPathReport(1250, 700);
        assertThat(AlertPathAdmission.nextLimit(UNLIMITED, slightlyBehind, TARGET_MS, 3000, 3000, true))
                .isEqualTo(3000 * 0.8);
        AlertPathReport farBehind = new AlertPathReport(5000, 700);
        assertThat(AlertPathAdmission.nextLimit(UNLIMITED, farBehind, TARGET_MS, 3000, 1000, true))
                .isEqualTo(1000 * 0.5);
        assertThat(AlertPathAdmission.nextLimit(400, farBehind, TARGET_MS, 3000, 1000, true)).isEqualTo(400 * 0.5);
    }

    @Test
    void cutsAtMostOncePerLagAndNeverBelowTheFloor() {
        AlertPathReport behind = new AlertPathReport(2000, 700);
        assertThat(AlertPathAdmission.nextLimit(800, behind, TARGET_MS, 3000, 800, false)).isEqualTo(800);
        AlertPathReport stalled = new AlertPathReport(60_000, 0);
        assertThat(AlertPathAdmission.nextLimit(12, stalled, TARGET_MS, 12, 12, true))
                .isEqualTo(AlertPathAdmission.MIN_LIMIT);
    }

    @Test
    void limitsNothingWhileABacklogIsWorkedOffFasterThanReadingsComeIn() {
        // Twenty seconds behind after a broker outage, working it off at 7,000 a second; 10 readings a second come in.
        AlertPathReport catchingUp = new AlertPathReport(20_000, 7000);
        assertThat(AlertPathAdmission.nextLimit(UNLIMITED, catchingUp, TARGET_MS, 10, 10, true)).isEqualTo(UNLIMITED);
    }

    @Test
    void growsALimitOnceCaughtUpAndDropsItWhenFarAboveWhatIsOffered() {
        AlertPathReport atTarget = new AlertPathReport(800, 700);
        assertThat(AlertPathAdmission.nextLimit(400, atTarget, TARGET_MS, 400, 400, true)).isEqualTo(420);
        assertThat(AlertPathAdmission.nextLimit(1000, atTarget, TARGET_MS, 400, 400, true)).isEqualTo(1050);
        AlertPathReport wellAhead = new AlertPathReport(100, 700);
        assertThat(AlertPathAdmission.nextLimit(400, wellAhead, TARGET_MS, 400, 400, true)).isEqualTo(420);
        assertThat(AlertPathAdmission.nextLimit(1000, wellAhead, TARGET_MS, 400, 400, true)).isEqualTo(UNLIMITED);
    }

    @Test
    void aZeroTargetTurnsTheLimitOff() {
        AlertPathReport behind = new AlertPathReport(5000, 10);
        assertThat(AlertPathAdmission.nextLimit(UNLIMITED, behind, 0, 3000, 3000, true)).isEqualTo(UNLIMITED);
    }

    @Test
    void aSmallLastBatchOfABacklogBeingWorkedOffStillCountsAsWorkingOffFasterThanReadingsComeIn() {
        // After an outage: 1,500 old events handled in one look, then a straggler, while 5 readings a second arrive.
        AlertPathAdmission.RecentRates rates = new AlertPathAdmission.RecentRates(AlertPathAdmission.RATE_LOOKS);
        rates.add(1, 1500, 0.2, 65_000);
        rates.add(1, 1, 0.2, 65_000);
        AlertPathReport tailOfTheBacklog = new AlertPathReport(65_000, rates.workedOffPerSecond());

        assertThat(AlertPathAdmission.nextLimit(UNLIMITED, tailOfTheBacklog, TARGET_MS, rates.storedPerSecond(), 5,
                true)).isEqualTo(UNLIMITED);
        assertThat(AlertPathAdmission.nextLimit(UNLIMITED, new AlertPathReport(65_000, 1 / 0.2), TARGET_MS, 1 / 0.2,
                5, true)).as("judged on the last look alone").isLessThan(UNLIMITED);
    }

    @Test
    void recentRatesForgetLooksOlderThanTheWindow() {
        AlertPathAdmission.RecentRates rates = new AlertPathAdmission.RecentRates(2);
        rates.add(100, 1000, 1, 0);
        rates.add(10, 10, 1, 0);
        rates.add(20, 30, 1, 0);

        assertThat(rates.storedPerSecond()).isEqualTo(15);
        assertThat(rates.workedOffPerSecond()).isEqualTo(20);
    }

    @Test
    void aLagAboveTheTargetAtEveryLookThatDoesNotFallIsFallingBehind() {
        AlertPathAdmission.RecentRates rates = new AlertPathAdmission.RecentRates(3);
        rates.add(10, 5, 0.2, 4_000);
        rates.add(10, 5, 0.2, 4_100);
        assertThat(rates.behindWithoutCatchingUp(TARGET_MS)).as("not a whole window yet").isFalse();
        rates.add(10, 5, 0.2, 4_200);
        assertThat(rates.behindWithoutCatchingUp(TARGET_MS)).isTrue();
        rates.add(10, 5, 0.2, 900);
        assertThat(rates.behindWithoutCatchingUp(TARGET_MS)).as("within the target at one look").isFalse();
    }

    @Test
    void aLagThatFallsFasterThanHalfTheTimePassingIsCatchingUpHoweverFewEventsItsTailHolds() {
        // The tail of a backlog after an outage: few events per look, each look's lag a second less; 0.6 s pass.
        AlertPathAdmission.RecentRates rates = new AlertPathAdmission.RecentRates(3);
        rates.add(2, 1, 0.2, 20_000);
        rates.add(2, 1, 0.2, 19_000);
        rates.add(2, 1, 0.2, 18_000);
        assertThat(rates.behindWithoutCatchingUp(TARGET_MS)).isFalse();

        AlertPathAdmission.RecentRates slowly = new AlertPathAdmission.RecentRates(3);
        slowly.add(2, 1, 0.2, 20_000);
        slowly.add(2, 1, 0.2, 19_900);
        slowly.add(2, 1, 0.2, 19_800);
        assertThat(slowly.behindWithoutCatchingUp(TARGET_MS)).as("200 ms less in 600 ms: not fast enough").isTrue();
    }
}
