package org.hospital.query.alert;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open {@code GET /alerts/stream}: its own virtual thread sends the changes its audience may receive, in change-id
 * order, each at most once. It first catches up from the table (everything after {@code Last-Event-ID}), then sends
 * what the {@link AlertChangeFeed} hands it; changes the feed handed over while it was catching up are skipped by id.
 * A client too slow for its buffer is served from the table again rather than dropped, so it misses nothing.
 */
final class AlertStream {

    private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
    private static final int PAGE = 500;
    private static final long RECONNECT_MILLIS = 3_000;

    private final AlertAudience audience;
    private final SseEmitter emitter;
    private final AlertChanges store;
    private final Duration heartbeat;
    private final BlockingQueue<AlertChange> queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onClose;
    private volatile boolean overflowed;
    private volatile Thread thread;
    private long cursor;

    AlertStream(AlertAudience audience, SseEmitter emitter, AlertChanges store, Duration heartbeat, int queueCapacity,
                Runnable onClose) {
        this.audience = audience;
        this.emitter = emitter;
        this.store = store;
        this.heartbeat = heartbeat;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.onClose = onClose;
    }

    /** Starts sending the changes after {@code resumeAfter}. */
    void start(String name, long resumeAfter) {
        cursor = resumeAfter;
        thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Called by the feed's thread with each batch of new changes; never blocks it. */
    void offer(List<AlertChange> changes) {
        if (closed.get()) {
            return;
        }
        for (AlertChange change : changes) {
            if (audience.mayReceive(change) && !queue.offer(change)) {
                overflowed = true;
                return;
            }
        }
    }

    /** Releases the stream's place (idempotent); the emitter is completed by whoever noticed the end. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
            Thread running = thread;
            if (running != null && running != Thread.currentThread()) {
                running.interrupt();
            }
        }
    }

    /** Ends the stream from the server side (shutdown): the client reconnects, possibly to another instance. */
    void end() {
        close();
        try {
            emitter.complete();
        } catch (RuntimeException ignored) {
            // already completed by the container
        }
    }

    private void run() {
        try {
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("alerts"));
            catchUp();
            long nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
            while (!closed.get()) {
                if (overflowed) {
                    overflowed = false;
                    queue.clear();
                    catchUp();
                }
                AlertChange change = queue.poll(Math.max(0, nextHeartbeat - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (change != null) {
                    deliver(change);
                } else if (System.nanoTime() - nextHeartbeat >= 0) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } else {
                    continue;
                }
                nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            // The client went away or the container completed the response: a routine end. The response is not
            // usable any more; the container ends the request itself (see AlertStreamErrors).
            log.debug("Alert stream ended: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("Alert stream failed; the client will reconnect with its Last-Event-ID", e);
            failed(e);
        } finally {
            close();
        }
    }

    private void catchUp() throws IOException {
        List<AlertChange> page;
        do {
            page = store.after(cursor, audience, PAGE);
            for (AlertChange change : page) {
                deliver(change);
            }
        } while (page.size() == PAGE && !closed.get());
    }

    private void deliver(AlertChange change) throws IOException {
        if (change.changeId() <= cursor) {
            return;
        }
        emitter.send(SseEmitter.event()
                .id(Long.toString(change.changeId()))
                .name("alert")
                .data(change.data(), MediaType.APPLICATION_JSON));
        cursor = change.changeId();
    }

    private void failed(Exception e) {
        try {
            emitter.completeWithError(e);
        } catch (RuntimeException ignored) {
            // already completed
        }
    }
}
