package org.hospital.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part of the system as an OS process of its own: started, killed with SIGKILL (no shutdown hook, no clean
 * close: a crash), and started again with the same command, environment and data. Each start logs to its own file
 * ({@code <name>-<start>.log}) in the log directory; a start counts as done when {@code ready} holds for that log.
 */
final class SystemProcess {

    private static final Logger LOG = LoggerFactory.getLogger(SystemProcess.class);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logDirectory;
    private final Predicate<Path> readiness;
    private final List<Double> readySeconds = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();
    private Process process;
    private volatile boolean ready;
    private int starts;

    SystemProcess(String name, List<String> command, Map<String, String> environment, Path logDirectory,
                  Predicate<Path> ready) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logDirectory = logDirectory;
        this.readiness = ready;
    }

    String name() {
        return name;
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        starts++;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logDirectory.resolve(name + "-" + starts + ".log").toFile());
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        pids.add(process.pid());
        LOG.info("started {} (pid {})", name, process.pid());
    }

    /** Waits until the process is ready; fails when it exits or the timeout passes. Returns the seconds waited. */
    double awaitReady(Duration timeout, long startedNanos) throws InterruptedException {
        long deadline = startedNanos + timeout.toNanos();
        while (!readiness.test(currentLog())) {
            Process current = process;
            if (!current.isAlive()) {
                throw new IllegalStateException("%s exited with %d before it was ready; see %s".formatted(name,
                        current.exitValue(), logDirectory.resolve(name + "-" + starts + ".log")));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("%s not ready after %d s; see %s".formatted(name,
                        timeout.toSeconds(), logDirectory.resolve(name + "-" + starts + ".log")));
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        synchronized (this) {
            readySeconds.add(seconds);
        }
        ready = true;
        LOG.info("{} ready after {} s", name, Math.round(seconds * 10) / 10.0);
        return seconds;
    }

    /** SIGKILL, then waits until the process is gone. */
    synchronized void kill() throws InterruptedException {
        ready = false;
        process.destroyForcibly();
        process.waitFor();
        LOG.info("killed {} (pid {}) with SIGKILL", name, process.pid());
    }

    /** A clean stop (SIGTERM) at the end of the run, SIGKILL if it takes longer than the grace period. */
    synchronized void stop(Duration grace) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** The log file of the latest start. */
    synchronized Path currentLog() {
        return logDirectory.resolve(name + "-" + starts + ".log");
    }

    /** Started and found ready, and not killed since. */
    boolean ready() {
        return ready;
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process.pid();
    }

    /** Whether {@code pid} is or was this part of the system (any start). */
    synchronized boolean hadPid(long pid) {
        return pids.contains(pid);
    }

    synchronized int starts() {
        return starts;
    }

    /** Seconds from each start (or restart) until ready, in order. */
    synchronized List<Double> readySeconds() {
        return List.copyOf(readySeconds);
    }
}
