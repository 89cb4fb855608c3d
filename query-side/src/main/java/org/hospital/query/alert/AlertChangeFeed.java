package org.hospital.query.alert;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hospital.platform.security.CurrentUser;
import org.hospital.query.QuerySettings;
import org.hospital.query.consistency.CommitSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Reads new rows of {@code view_alert_changes} once for all open streams of this instance and hands them over. It
 * looks when a local projection commit recorded changes, and at least every poll interval, because the change may
 * have been projected by another instance sharing the database.
 */
@Component
class AlertChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertChangeFeed.class);
    private static final int BATCH = 500;

    private final AlertChanges store;
    private final StreamSlots slots;
    private final QuerySettings.AlertStream settings;
    private final CommitSignal commits;
    private final Set<AlertStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicLong names = new AtomicLong();
    private volatile boolean running;
    private volatile Thread thread;
    private long cursor;

    AlertChangeFeed(AlertChanges store, StreamSlots slots, QuerySettings settings) {
        this.store = store;
        this.slots = slots;
        this.settings = settings.alertStream();
        this.commits = store.commits();
    }

    /**
     * Opens a stream that the caller's slot was acquired for; the slot is released when the stream ends, however it
     * ends. {@code resumeAfter} is the client's {@code Last-Event-ID}, or null for "from now on".
     */
    SseEmitter open(CurrentUser user, Long resumeAfter) {
        SseEmitter emitter = new SseEmitter(settings.maxDuration().toMillis());
        AlertStream[] holder = new AlertStream[1];
        AlertStream stream = new AlertStream(AlertAudience.of(user), emitter, store, settings.heartbeat(),
                settings.queueCapacity(), () -> {
                    streams.remove(holder[0]);
                    slots.release(user.userId());
                });
        holder[0] = stream;
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::end);
        emitter.onError(error -> stream.close());
        try {
            // Registered before the starting point is read, so no change can fall between the two.
            streams.add(stream);
            stream.start("alert-stream-" + names.incrementAndGet(), resumeAfter != null ? resumeAfter : store.lastId());
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return emitter;
    }

    @Override
    public void start() {
        cursor = store.lastId();
        running = true;
        thread = Thread.ofPlatform().daemon().name("alert-change-feed").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread feed = thread;
        if (feed != null) {
            feed.interrupt();
        }
        List.copyOf(streams).forEach(AlertStream::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops before the web server's graceful shutdown, which would otherwise wait for the open streams (they never
     * end by themselves) until its timeout; ended streams reconnect to another instance.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 512;
    }

    private void run() {
        boolean failing = false;
        while (running) {
            long seen = commits.version();
            int read = 0;
            try {
                List<AlertChange> batch = store.after(cursor, BATCH);
                read = batch.size();
                if (read > 0) {
                    cursor = batch.getLast().changeId();
                    for (AlertStream stream : streams) {
                        stream.offer(batch);
                    }
                }
                if (failing) {
                    log.info("Alert change feed reads the database again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    log.error("Alert change feed cannot read the database; retrying every {}", pollInterval(), e);
                    failing = true;
                }
            }
            if (read < BATCH && !await(seen)) {
                return;
            }
        }
    }

    private boolean await(long seen) {
        try {
            commits.awaitAfter(seen, pollInterval());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Duration pollInterval() {
        return settings.pollInterval();
    }
}
