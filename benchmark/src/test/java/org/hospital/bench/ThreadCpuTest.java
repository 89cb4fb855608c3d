package org.hospital.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadCpuTest {

    @Test
    void threadsOfOnePoolFormOneGroup() {
        assertThat(ThreadCpu.group("EventProcessor[alerting]-0")).isEqualTo("EventProcessor[alerting]-N");
        assertThat(ThreadCpu.group("ForkJoinPool-1-worker-12")).isEqualTo("ForkJoinPool-N-worker-N");
        assertThat(ThreadCpu.group("C2 CompilerThread0")).isEqualTo("C2 CompilerThreadN");
        assertThat(ThreadCpu.group("GC Thread#3")).isEqualTo("GC Thread#N");
        assertThat(ThreadCpu.group("kafka-producer-network-thread | hospital-producer-1"))
                .isEqualTo("kafka-producer-network-thread | hospital-producer-N");
    }

    @Test
    void spentIsTheGrowthPerGroupLargestFirstWithNewThreadsCountedFromZero() {
        Map<Long, Map<String, Double>> before = Map.of(7L, Map.of("vitals-writer-0", 100.0, "vitals-writer-1", 50.0,
                "EventProcessor[projections]-0", 10.0));
        Map<Long, Map<String, Double>> after = Map.of(7L, Map.of("vitals-writer-0", 130.0, "vitals-writer-1", 70.0,
                "EventProcessor[projections]-0", 400.0, "vitals-writer-2", 5.0));

        Map<String, Double> spent = ThreadCpu.spent(before, after).get(7L);

        assertThat(spent).containsExactly(Map.entry("EventProcessor[projections]-N", 390.0),
                Map.entry("vitals-writer-N", 55.0));
    }

    /**
     * jcmd attaches by sending SIGQUIT to a process that handles it, and PostgreSQL's postmaster handles SIGQUIT by
     * shutting down at once. A shell that traps SIGQUIT stands in for it here.
     */
    @Test
    void sendsNothingToAProcessThatIsNotAJvm(@TempDir Path directory) throws Exception {
        Path quit = directory.resolve("quit");
        Process shell = new ProcessBuilder("bash", "-c",
                "trap 'echo quit > " + quit + "' QUIT; echo ready; while true; do sleep 0.1; done").start();
        try {
            assertThat(new BufferedReader(new InputStreamReader(shell.getInputStream())).readLine())
                    .isEqualTo("ready");

            assertThat(ThreadCpu.snapshot(List.of(shell.pid()))).isEmpty();

            Thread.sleep(300); // a trap runs after the loop's current sleep
            assertThat(quit).doesNotExist();
        } finally {
            shell.destroy();
        }
    }

    @Test
    void readsEveryThreadOfAJvm() {
        Map<Long, Map<String, Double>> snapshot = ThreadCpu.snapshot(List.of(ProcessHandle.current().pid()));

        assertThat(snapshot.get(ProcessHandle.current().pid())).containsKey(Thread.currentThread().getName());
    }
}
