package org.hospital.command.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.messaging.ProcessorLag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one look of the door decides from what PostgreSQL holds: the alerting instances' reports and the events
 * stored, in the shapes the alerting side and Axon write them.
 */
class AlertPathAdmissionLookTest {

    private JdbcTemplate jdbc;
    private AlertPathAdmission admission;

    @BeforeEach
    void freshDatabase() {
        jdbc = new JdbcTemplate(TestInfrastructure.shared().newDataSource("admission_look"));
        jdbc.execute("CREATE TABLE domain_event_entry (global_index BIGINT PRIMARY KEY)");
        jdbc.execute("""
                CREATE TABLE alerting_lag (instance_id VARCHAR(64) PRIMARY KEY, lag_ms BIGINT NOT NULL,
                    events_per_second DOUBLE PRECISION NOT NULL, reported_at TIMESTAMPTZ NOT NULL)""");
        jdbc.update("INSERT INTO domain_event_entry VALUES (1)");
        VitalsSettings settings = new VitalsSettings(2, 1000, 20_000, 20, 3000, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 300);
        admission = new AlertPathAdmission(jdbc, new ProcessorLag(Clock.systemUTC(), Instant.EPOCH), settings);
    }

    @Test
    void theTailOfABacklogWorkedOffInLargeBatchesLimitsNothing() {
        // After an outage: the saga took 1,500 old events in one look, then a straggler, as one reading came in.
        report(65_000, 7_500);
        admission.look();
        jdbc.update("INSERT INTO domain_event_entry VALUES (2)");
        report(65_000, 5);
        admission.look();

        assertThat(admission.limit()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void anAlertPathSlowerThanIngestionIsStillLimited() {
        fallBehind(5_000, 1);

        assertThat(admission.limit()).isLessThan(Double.POSITIVE_INFINITY);
    }

    @Test
    void aBacklogWhoseLagFallsLookByLookLimitsNothingHoweverFewEventsEachLookWorksOff() {
        // The tail after a broker outage: a trickle of readings stored, a few old events worked off per look, the lag
        // a second less at each look (OutageTest once saw readings refused here).
        long stored = 1;
        for (int look = 0; look < 3 * AlertPathAdmission.RATE_LOOKS; look++) {
            jdbc.update("INSERT INTO domain_event_entry SELECT generate_series(?, ?)", stored + 1, stored + 10);
            stored += 10;
            report(30_000 - look * 1_000L, 5);
            admission.look();
        }

        assertThat(admission.limit()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void anAlertPathFallingBehindAgainAfterCatchingUpIsLimitedAtOnce() {
        long stored = fallBehind(2_000, 1);
        assertThat(admission.limit()).as("the first time").isLessThan(Double.POSITIVE_INFINITY);
        for (int look = 0; look < 100 && admission.limit() < Double.POSITIVE_INFINITY; look++) {
            report(0, 100);
            admission.look();
        }
        assertThat(admission.limit()).as("caught up").isEqualTo(Double.POSITIVE_INFINITY);

        fallBehind(60_000, stored + 1);

        assertThat(admission.limit()).as("again, within a minute").isLessThan(Double.POSITIVE_INFINITY);
    }

    /**
     * A window of looks that see the alert path as far behind at each, a thousand events stored at each; returns the
     * last event's index.
     */
    private long fallBehind(long lagMs, long lastStored) {
        report(lagMs, 100);
        admission.look();
        long stored = lastStored;
        for (int look = 0; look < AlertPathAdmission.RATE_LOOKS; look++) {
            jdbc.update("INSERT INTO domain_event_entry SELECT generate_series(?, ?)", stored + 1, stored + 1000);
            stored += 1000;
            report(lagMs, 100);
            admission.look();
        }
        return stored;
    }

    private void report(long lagMs, double eventsPerSecond) {
        jdbc.update("""
                INSERT INTO alerting_lag (instance_id, lag_ms, events_per_second, reported_at)
                VALUES ('saga-1', ?, ?, clock_timestamp())
                ON CONFLICT (instance_id) DO UPDATE SET lag_ms = EXCLUDED.lag_ms,
                    events_per_second = EXCLUDED.events_per_second, reported_at = EXCLUDED.reported_at""",
                lagMs, eventsPerSecond);
    }
}
