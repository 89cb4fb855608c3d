package org.hospital.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaCeilingResultTest {

    private static final String OUTPUT = """
            104398 records sent, 20879.6 records/sec (15.27 MB/sec), 1207.5 ms avg latency, 1810.0 ms max latency.
            500000 records sent, 21734.3 records/sec (15.90 MB/sec), 1290.02 ms avg latency, 2104.00 ms max \
            latency, 1274 ms 50th, 1851 ms 95th, 2011 ms 99th, 2090 ms 99.9th.
            """;

    @Test
    void readsTheTotalsFromTheToolsLastLineAndNotAWindowLine() {
        KafkaCeiling.Result result = KafkaCeiling.Result.parse(OUTPUT).orElseThrow();

        assertThat(result).isEqualTo(new KafkaCeiling.Result(500_000, 21734.3, 15.90, 1290.02, 2104.00, 1274, 1851,
                2011, 2090));
    }

    @Test
    void findsNoTotalsWhenTheToolPrintedOnlyWindows() {
        assertThat(KafkaCeiling.Result.parse(OUTPUT.lines().findFirst().orElseThrow())).isEmpty();
    }

    @Test
    void passesTheVariantsRateAndProducerPropertiesToTheTool() {
        KafkaCeiling.Variant variant = new KafkaCeiling.Variant("paced",
                Map.of("acks", "all"), 60_000, 2_000);

        List<String> arguments = new KafkaCeiling("broker:9092").arguments("t", 767, variant);

        assertThat(arguments).containsExactly("--topic", "t", "--num-records", "60000", "--record-size", "767",
                "--throughput", "2000", "--producer-props", "bootstrap.servers=broker:9092", "acks=all");
    }
}
