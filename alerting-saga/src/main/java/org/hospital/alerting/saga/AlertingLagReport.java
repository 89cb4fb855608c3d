package org.hospital.alerting.saga;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.hospital.alerting.AlertingSideConfiguration;
import org.hospital.platform.messaging.ProcessorLag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the command side how far behind this instance's saga processor is (table {@code alerting_lag}, one row per
 * instance, every {@value #INTERVAL_MS} ms): the lag of the batches it committed in the interval and how many events
 * a second it committed, as {@link ProcessorLag} measures them. The command side admits readings by it
 * (docs/architecture.md, Under overload).
 * <p>
 * An interval in which nothing committed reports a lag of zero when the processor is caught up, and nothing at all
 * when it is not (stuck on a failing batch, or its broker away): no report is no reason to refuse readings, so an
 * outage downstream never stops ingestion. Events stored before the alerting side first started ({@link LiveSince})
 * are history, not lag: the first start of a side that builds its sagas from the whole topic refuses no reading.
 */
@Component
final class AlertingLagReport implements ConfigurerModule, SmartLifecycle {

    static final long INTERVAL_MS = 200;

    private static final Logger log = LoggerFactory.getLogger(AlertingLagReport.class);

    private final JdbcTemplate jdbc;
    private final ProcessingProgress progress;
    private final ProcessorLag lag;
    private final String instanceId = UUID.randomUUID().toString();
    private long intervalStartNanos;
    private boolean failing;
    private ScheduledExecutorService executor;

    AlertingLagReport(JdbcTemplate jdbc, ProcessingProgress progress, LiveSince liveSince, Clock clock) {
        this.jdbc = jdbc;
        this.progress = progress;
        this.lag = new ProcessorLag(clock, liveSince.instant());
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing().registerHandlerInterceptor(AlertingSideConfiguration.PROCESSING_GROUP,
                axon -> lag);
    }

    /** Writes this interval's figures, or nothing when the processor handled nothing and is not caught up. */
    void report() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - intervalStartNanos) / 1e9);
        intervalStartNanos = now;
        ProcessorLag.Interval interval = lag.take();
        long worstLagMs = interval.worstLagMs();
        if (worstLagMs < 0) {
            if (interval.events() == 0 && !progress.isCaughtUp()) {
                return;
            }
            worstLagMs = 0;
        }
        jdbc.update("""
                INSERT INTO alerting_lag (instance_id, lag_ms, events_per_second, reported_at)
                VALUES (?, ?, ?, clock_timestamp())
                ON CONFLICT (instance_id) DO UPDATE SET lag_ms = EXCLUDED.lag_ms,
                    events_per_second = EXCLUDED.events_per_second, reported_at = EXCLUDED.reported_at""",
                instanceId, worstLagMs, interval.events() / seconds);
    }

    private void reportQuietly() {
        try {
            report();
            if (failing) {
                log.info("Reporting the alerting processor's lag again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // The database may be away: no report means the command side refuses nothing on this instance's account.
            if (!failing) {
                log.warn("Could not report the alerting processor's lag ({}); trying again", e.getClass().getName());
                failing = true;
            }
        }
    }

    @Override
    public synchronized void start() {
        intervalStartNanos = System.nanoTime();
        try {
            // Rows of instances that stopped without saying so; a live instance refreshes its row many times a minute.
            jdbc.update("DELETE FROM alerting_lag WHERE reported_at < clock_timestamp() - interval '1 minute'");
        } catch (RuntimeException e) {
            log.warn("Could not clear old lag reports ({})", e.getClass().getName());
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "alerting-lag-report");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::reportQuietly, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        executor = null;
        try {
            jdbc.update("DELETE FROM alerting_lag WHERE instance_id = ?", instanceId);
        } catch (RuntimeException e) {
            log.debug("Could not remove this instance's lag report; it goes stale on its own", e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Starts after Axon's processors and stops before them. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }
}
