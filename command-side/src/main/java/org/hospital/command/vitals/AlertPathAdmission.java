package org.hospital.command.vitals;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.hospital.platform.messaging.ProcessorLag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives the alert path priority over ingestion (docs/architecture.md, Under overload). Every {@value #INTERVAL_MS} ms
 * it reads how far behind the alerting instances are ({@code alerting_lag}: how late each got to the events it
 * handled lately, and how many events a second it handled) and this instance's {@code integration-topics} processor,
 * the alerts' last hop (the same figures, kept in memory), and how many events the command side stored since the
 * last look. While the lag has been above {@code hospital.vitals.alert-lag-target} at every one of the last
 * {@value #RATE_LOOKS} looks without falling, and more is stored than the alert path works off over those looks,
 * this instance admits readings at a limited rate ({@link #nextLimit}), from a bucket refilled at that rate;
 * {@link AlertPathAdmissionFilter} refuses the requests beyond it.
 * <p>
 * A backlog the alert path is already working off (after a broker outage, say) limits nothing: its lag falls look
 * by look however few events its tail holds, and refusing readings would not bring its end closer. No fresh report (the alerting side stopped, its broker
 * or database away) limits nothing either: an outage elsewhere must never stop readings from being stored.
 */
@Component
class AlertPathAdmission implements SmartLifecycle {

    static final long INTERVAL_MS = 200;
    /** Looks over which stored and worked-off events are compared (a second): one look's figures swing with batches. */
    static final int RATE_LOOKS = 5;
    static final int REFUSALS_REPORTED_EVERY_LOOKS = 50;

    /** The least a limit goes down to, so a recovered alert path is seen to recover. */
    static final double MIN_LIMIT = 10;

    private static final Logger log = LoggerFactory.getLogger(AlertPathAdmission.class);

    private final JdbcTemplate jdbc;
    private final ProcessorLag integrationTopicsLag;
    private final long targetMs;
    private final Object bucketLock = new Object();
    private volatile double limit = Double.POSITIVE_INFINITY;
    private double tokens;
    private long refilledNanos = System.nanoTime();
    private final LongAdder admittedInInterval = new LongAdder();
    private long lastGlobalIndex = -1;
    private long lastLookNanos;
    private long lastCutNanos = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
    private final RecentRates rates = new RecentRates(RATE_LOOKS);
    private boolean failing;
    private boolean reportsExist;
    private ScheduledExecutorService executor;
    private final Map<Refusal, AtomicLong> refused = new EnumMap<>(Refusal.class);
    private long looksSinceReport;

    /** Why the door refused a request. */
    enum Refusal { IN_FLIGHT, WRITERS_BEHIND, ALERT_PATH_BEHIND }

    AlertPathAdmission(JdbcTemplate jdbc, ProcessorLag integrationTopicsLag, VitalsSettings settings) {
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, new AtomicLong());
        }
        this.jdbc = jdbc;
        this.integrationTopicsLag = integrationTopicsLag;
        this.targetMs = settings.alertLagTarget().toMillis();
    }

    /** Whether a request may come in now; while readings are limited it takes one reading's place. */
    boolean tryAdmit() {
        if (limit == Double.POSITIVE_INFINITY) {
            return true;
        }
        synchronized (bucketLock) {
            refill();
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    /**
     * Counts the readings of an admitted request that are about to be stored. The request took one reading's place
     * at the door; a batch takes the rest now, and may take the bucket below empty: later requests wait for it.
     */
    void charge(int readings) {
        admittedInInterval.add(readings);
        if (limit != Double.POSITIVE_INFINITY && readings > 1) {
            synchronized (bucketLock) {
                refill();
                tokens -= readings - 1;
            }
        }
    }

    /** Counts a refusal, for the log line that sums them up every {@value #REFUSALS_REPORTED_EVERY_LOOKS} looks. */
    void refused(Refusal refusal) {
        refused.get(refusal).incrementAndGet();
    }

    private void reportRefusals() {
        if (++looksSinceReport < REFUSALS_REPORTED_EVERY_LOOKS) {
            return;
        }
        looksSinceReport = 0;
        Map<Refusal, Long> counts = new EnumMap<>(Refusal.class);
        refused.forEach((refusal, count) -> counts.put(refusal, count.getAndSet(0)));
        if (counts.values().stream().anyMatch(count -> count > 0)) {
            log.warn("Requests for readings refused in the last {} s: {}",
                    REFUSALS_REPORTED_EVERY_LOOKS * INTERVAL_MS / 1000, counts);
        }
    }

    /** Readings a second this instance admits; infinite while it admits everything. */
    double limit() {
        return limit;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst(limit), tokens + (now - refilledNanos) / 1e9 * limit);
        refilledNanos = now;
    }

    private static double burst(double limit) {
        return Math.max(1, limit * INTERVAL_MS / 1000.0);
    }

    /**
     * How far behind the alert path is: the lag of its slowest part (-1: no fresh report) and how many events a second
     * that part works off.
     */
    record AlertPathReport(long lagMs, double eventsPerSecond) {

        static final AlertPathReport NONE = new AlertPathReport(-1, 0);

        AlertPathReport slower(AlertPathReport other) {
            return other.lagMs() > lagMs ? other : this;
        }
    }

    /**
     * The next limit of one instance, in readings a second. Behind the target, a limit goes down in proportion to
     * how far behind (to between half and nine tenths of what this instance admitted), at most once per lag: what a
     * cut changes shows only once the readings admitted before it are worked off. Back within the target, it grows
     * by a twentieth (at least 20 readings a second) per look.
     *
     * @param stored      events a second stored by all command-side instances lately ({@link RecentRates})
     * @param admitted    readings a second this instance admitted since the last look
     * @param mayDecrease whether the last cut is at least one lag ago and the alert path has been behind through the
     *                    last looks without catching up ({@link RecentRates#behindWithoutCatchingUp})
     */
    static double nextLimit(double limit, AlertPathReport report, long targetMs, double stored, double admitted,
                            boolean mayDecrease) {
        if (report.lagMs() < 0 || targetMs <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double ratio = (double) targetMs / report.lagMs();
        if (report.lagMs() > targetMs) {
            if (stored <= report.eventsPerSecond() * Math.clamp(ratio, 0.25, 0.9) || !mayDecrease) {
                return limit;
            }
            return Math.max(MIN_LIMIT, Math.min(limit, admitted) * Math.clamp(ratio, 0.5, 0.9));
        }
        if (limit == Double.POSITIVE_INFINITY) {
            return limit;
        }
        double grown = limit + Math.max(20, limit / 20);
        return report.lagMs() < targetMs / 2 && grown > 2 * admitted + 100 ? Double.POSITIVE_INFINITY : grown;
    }

    void look() {
        long now = System.nanoTime();
        double seconds = lastLookNanos == 0 ? INTERVAL_MS / 1000.0 : Math.max(1e-3, (now - lastLookNanos) / 1e9);
        lastLookNanos = now;
        long admitted = admittedInInterval.sumThenReset();
        ProcessorLag.Interval publishing = integrationTopicsLag.take();
        AlertPathReport report = publishing.worstLagMs() < 0 ? AlertPathReport.NONE
                : new AlertPathReport(publishing.worstLagMs(), publishing.events() / seconds);
        long storedEvents = 0;
        try {
            report = report.slower(readReport());
            long globalIndex = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry",
                    Long.class);
            storedEvents = lastGlobalIndex < 0 ? admitted : globalIndex - lastGlobalIndex;
            lastGlobalIndex = globalIndex;
            failing = false;
        } catch (RuntimeException e) {
            // No report, no limit: the database being away is answered by the writes themselves.
            if (!failing) {
                log.warn("Could not read the alert path's lag ({}); admitting every reading", e.getClass().getName());
                failing = true;
            }
        }
        // After an outage the alert path works a backlog off in a few large batches and then its tail in small ones:
        // judged on one look, a small last batch of old events would look like an alert path slower than ingestion.
        // What tells falling behind from catching up is the lag itself: behind at every look of the window, and not
        // falling. A lag that jumps at once (the first report after an outage) has not been behind for a window yet.
        rates.add(storedEvents, report.eventsPerSecond() * seconds, seconds, report.lagMs());
        boolean mayDecrease = now - lastCutNanos >= Math.max(report.lagMs(), INTERVAL_MS) * 1_000_000
                && rates.behindWithoutCatchingUp(targetMs);
        double next = nextLimit(limit, new AlertPathReport(report.lagMs(), rates.workedOffPerSecond()), targetMs,
                rates.storedPerSecond(), admitted / seconds, mayDecrease);
        if (next < limit) {
            lastCutNanos = now;
        }
        if (next != limit) {
            if (limit == Double.POSITIVE_INFINITY) {
                log.warn("The alert path is {} ms behind; admitting {} readings a second here until it catches up",
                        report.lagMs(), Math.round(next));
            } else if (next == Double.POSITIVE_INFINITY) {
                log.info("The alert path caught up ({} ms behind); admitting every reading", report.lagMs());
                // "Once per lag" waits for the readings admitted before a cut; caught up, none are left in front, and
                // the next time the alert path falls behind may be cut at once, however large that lag is.
                lastCutNanos = now - TimeUnit.HOURS.toNanos(1);
            }
            synchronized (bucketLock) {
                if (limit == Double.POSITIVE_INFINITY) {
                    tokens = burst(next);
                    refilledNanos = System.nanoTime();
                } else {
                    refill();
                    tokens = Math.min(tokens, burst(next));
                }
                limit = next;
            }
        }
    }

    /** Events stored and worked off over the last few looks, as rates, and the alert path's lag at each look. */
    static final class RecentRates {

        private final double[] stored;
        private final double[] workedOff;
        private final double[] seconds;
        private final long[] lagMs;
        private int next;
        private int filled;

        RecentRates(int looks) {
            stored = new double[looks];
            workedOff = new double[looks];
            seconds = new double[looks];
            lagMs = new long[looks];
        }

        void add(double storedEvents, double workedOffEvents, double intervalSeconds, long lag) {
            stored[next] = storedEvents;
            workedOff[next] = workedOffEvents;
            seconds[next] = intervalSeconds;
            lagMs[next] = lag;
            next = (next + 1) % seconds.length;
            filled = Math.min(filled + 1, seconds.length);
        }

        /**
         * Whether the lag was above the target at every look of the window and has not fallen across it by half
         * the window's time or more (a path that falls that fast works off at least one and a half seconds a second:
         * it is catching up).
         */
        boolean behindWithoutCatchingUp(long targetMs) {
            if (filled < lagMs.length) {
                return false;
            }
            for (long lag : lagMs) {
                if (lag <= targetMs) {
                    return false;
                }
            }
            long newest = lagMs[(next + lagMs.length - 1) % lagMs.length];
            long oldest = lagMs[next];
            return newest > oldest - sum(seconds) * 1000 / 2;
        }

        double storedPerSecond() {
            return sum(stored) / Math.max(1e-3, sum(seconds));
        }

        double workedOffPerSecond() {
            return sum(workedOff) / Math.max(1e-3, sum(seconds));
        }

        private static double sum(double[] values) {
            double sum = 0;
            for (double value : values) {
                sum += value;
            }
            return sum;
        }
    }

    /** The alerting side's table exists once an alerting instance has started on this database. */
    private AlertPathReport readReport() {
        if (!reportsExist) {
            reportsExist = Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT to_regclass('alerting_lag') IS NOT NULL", Boolean.class));
            if (!reportsExist) {
                return AlertPathReport.NONE;
            }
        }
        return jdbc.queryForObject("""
                SELECT coalesce(max(lag_ms), -1), coalesce(sum(events_per_second), 0) FROM alerting_lag
                WHERE reported_at > clock_timestamp() - interval '1 second'""",
                (row, n) -> new AlertPathReport(row.getLong(1), row.getDouble(2)));
    }

    private void lookQuietly() {
        try {
            reportRefusals();
            look();
        } catch (RuntimeException e) {
            log.error("Admission check failed; admitting every reading", e);
            limit = Double.POSITIVE_INFINITY;
        }
    }

    @Override
    public synchronized void start() {
        if (targetMs <= 0) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "alert-path-admission");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::lookQuietly, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        limit = Double.POSITIVE_INFINITY;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
