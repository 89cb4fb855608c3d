package org.hospital.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a system JVM's CPU goes, by thread: the CPU time of every thread as {@code jcmd <pid> Thread.print} reports it
 * ({@code cpu=...ms}, Java and JVM threads alike), grouped by name with the numbers taken out
 * ({@code EventProcessor[alerting]-0} and {@code -1} are one group). Read before and after the load, the difference
 * is each group's share of the work. Request handling runs on virtual threads, whose CPU shows on their carriers
 * ({@code ForkJoinPool-N-worker-N}). Unlike a sampling profiler on a saturated box, this counts CPU actually used,
 * not time spent runnable. A thread that ends during the load takes its CPU with it (the figures are a lower bound).
 */
final class ThreadCpu {

    private static final Pattern THREAD = Pattern.compile("^\"(.*)\".*\\bcpu=([0-9.]+)ms", Pattern.MULTILINE);
    private static final Pattern NUMBERS = Pattern.compile("(?<=[-#\\s]|Thread|worker)\\d+|\\d+$");

    private ThreadCpu() {
    }

    /** CPU milliseconds so far per thread name of each given JVM; processes that are not JVMs are left out. */
    static Map<Long, Map<String, Double>> snapshot(List<Long> pids) {
        Map<Long, Map<String, Double>> snapshots = new LinkedHashMap<>();
        for (long pid : pids) {
            if (!isJvm(pid)) {
                continue; // jcmd attaches by sending SIGQUIT, which makes PostgreSQL's postmaster shut down at once
            }
            String dump = threadDump(pid);
            if (dump.isEmpty()) {
                continue;
            }
            Map<String, Double> threads = new HashMap<>();
            Matcher thread = THREAD.matcher(dump);
            while (thread.find()) {
                threads.merge(thread.group(1), Double.parseDouble(thread.group(2)), Double::sum);
            }
            snapshots.put(pid, threads);
        }
        return snapshots;
    }

    /**
     * CPU milliseconds per thread group and JVM between two snapshots, largest first; threads that did not exist
     * before count from zero.
     */
    static Map<Long, Map<String, Double>> spent(Map<Long, Map<String, Double>> before,
                                                Map<Long, Map<String, Double>> after) {
        Map<Long, Map<String, Double>> spent = new LinkedHashMap<>();
        after.forEach((pid, threads) -> {
            Map<String, Double> earlier = before.getOrDefault(pid, Map.of());
            Map<String, Double> groups = new HashMap<>();
            threads.forEach((name, millis) -> groups.merge(group(name),
                    Math.max(0, millis - earlier.getOrDefault(name, 0.0)), Double::sum));
            Map<String, Double> sorted = new LinkedHashMap<>();
            groups.entrySet().stream().filter(group -> group.getValue() >= 1)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(group -> sorted.put(group.getKey(), (double) Math.round(group.getValue())));
            spent.put(pid, sorted);
        });
        return spent;
    }

    static String group(String threadName) {
        return NUMBERS.matcher(threadName).replaceAll("N");
    }

    private static boolean isJvm(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().command())
                .map(command -> Path.of(command).getFileName().toString().equals("java")).orElse(false);
    }

    /** The thread dump of a JVM, or nothing when jcmd is missing, fails, or has not answered within 30 s. */
    private static String threadDump(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "";
        }
        Path output = null;
        try {
            // into a file, not a pipe: the wait below can then time out, and a long dump cannot block jcmd
            output = Files.createTempFile("thread-dump", ".txt");
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return process.exitValue() == 0 ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
