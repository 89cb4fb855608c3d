package org.hospital.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Facts about the machine and the processes under test, read from /proc (Linux). */
final class SystemStats {

    private SystemStats() {
    }

    /** The 1, 5 and 15 minute load averages as /proc/loadavg shows them. */
    static String loadAverage() {
        String line = read(Path.of("/proc/loadavg"));
        String[] parts = line.trim().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    /** Peak resident set size (VmHWM) in MiB per process id; absent when the process is gone. */
    static Map<Long, Double> peakRssMiB(List<Long> pids) {
        Map<Long, Double> peaks = new LinkedHashMap<>();
        for (long pid : pids) {
            read(Path.of("/proc", String.valueOf(pid), "status")).lines()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .findFirst()
                    .ifPresent(line -> peaks.put(pid, Long.parseLong(line.replaceAll("\\D", "")) / 1024.0));
        }
        return peaks;
    }

    /**
     * CPU time (user + system) consumed so far by each process and its living descendants (PostgreSQL's backends are
     * children of the postmaster), in seconds; the benchmark itself under key 0.
     */
    static Map<Long, Double> cpuSeconds(List<Long> pids) {
        Map<Long, Double> seconds = new LinkedHashMap<>();
        seconds.put(0L, cpuSeconds(ProcessHandle.current()));
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(handle -> seconds.put(pid, cpuSeconds(handle)
                    + handle.descendants().mapToDouble(SystemStats::cpuSeconds).sum()));
        }
        return seconds;
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }

    /** CPU seconds spent between two {@link #cpuSeconds} snapshots, per process present in both. */
    static Map<Long, Double> cpuSpent(Map<Long, Double> before, Map<Long, Double> after) {
        Map<Long, Double> spent = new LinkedHashMap<>();
        after.forEach((pid, total) -> {
            if (before.containsKey(pid)) {
                spent.put(pid, Math.round((total - before.get(pid)) * 10) / 10.0);
            }
        });
        return spent;
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpu_model", read(Path.of("/proc/cpuinfo")).lines()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown"));
        machine.put("memory_mib", read(Path.of("/proc/meminfo")).lines()
                .filter(line -> line.startsWith("MemTotal:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).orElse(-1L));
        machine.put("benchmark_jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return "";
        }
    }
}
