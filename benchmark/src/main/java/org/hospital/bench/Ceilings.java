package org.hospital.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Entry point of {@code java -jar benchmark.jar ceilings}: the machine's raw ceilings for what one reading costs the
 * system, measured against the system's own broker and database: Kafka's producer performance tool with records the
 * size of a published {@code VitalsRecorded}, and plain JDBC inserts of event store rows. Meant to run while the
 * system is up but idle (benchmark/run.sh --ceilings runs it before the load), so it shares the machine only with
 * the system's idle background work.
 */
public final class Ceilings {

    /** A reading about a minute into a 2,000 readings/s run: six-digit reading id, four-digit encounter id. */
    private static final long TYPICAL_ROW = 100_000;

    private Ceilings() {
    }

    public static void main(String[] args) throws Exception {
        // The producer tool formats its figures with the default locale; the report parses them.
        Locale.setDefault(Locale.ROOT);
        CeilingsOptions options;
        try {
            options = CeilingsOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CeilingsReport report = run(options);
        System.out.println();
        System.out.print(report.table());
        report.writeJson(options.output());
        System.out.println("JSON report: " + options.output().toAbsolutePath());
    }

    static CeilingsReport run(CeilingsOptions options) throws Exception {
        Instant startedAt = Instant.now();
        String loadAtStart = SystemStats.loadAverage();
        Map<Long, Double> cpuBefore = SystemStats.cpuSeconds(options.systemPids());

        CeilingsReport.KafkaFigures kafka = null;
        if (options.measureKafka()) {
            KafkaCeiling ceiling = new KafkaCeiling(options.kafka());
            int partitions = options.partitions() > 0 ? options.partitions() : ceiling.domainEventPartitions(6);
            int recordBytes = VitalsEventShape.recordBytes(VitalsEventShape.Row.of(TYPICAL_ROW, options.encounters()));
            int valueSize = options.recordSize() > 0 ? options.recordSize()
                    : VitalsEventShape.equivalentValueSize(recordBytes);
            List<KafkaCeiling.Variant> variants = new ArrayList<>(List.of(
                    variant("acks=all, linger.ms=0", 0, options.kafkaRecords(), -1),
                    variant("acks=all, linger.ms=" + options.lingerMs(), options.lingerMs(), options.kafkaRecords(),
                            -1)));
            if (options.pacedRate() > 0) {
                variants.add(variant("acks=all, linger.ms=%d, held to %d/s".formatted(options.lingerMs(),
                                options.pacedRate()), options.lingerMs(),
                        (long) options.pacedRate() * options.pacedSeconds(), options.pacedRate()));
            }
            List<KafkaCeiling.Run> runs = ceiling.measure(variants, partitions, valueSize);
            List<KafkaCeiling.SerialRun> serial = new ArrayList<>();
            if (options.serialRecords() > 0) {
                for (int lingerMs : List.of(options.lingerMs(), 0)) {
                    KafkaCeiling.Variant like = variant("", lingerMs, 0, 0);
                    serial.add(ceiling.serial("one at a time, acks=all, linger.ms=" + lingerMs,
                            like.producerProperties(), partitions, options.serialRecords(), valueSize));
                }
            }
            kafka = new CeilingsReport.KafkaFigures(partitions, recordBytes, valueSize,
                    String.valueOf(ProducerConfig.configDef().defaultValues().get(ProducerConfig.LINGER_MS_CONFIG)),
                    runs, serial);
        }

        CeilingsReport.PostgresFigures postgres = null;
        if (options.measurePostgres()) {
            PostgresCeiling ceiling = new PostgresCeiling(options.jdbcUrl(), options.jdbcUser(),
                    options.jdbcPassword(), options.encounters());
            Map<String, String> settings = ceiling.settings();
            PostgresCeiling.Result batched = ceiling.batched(options.batchedRows(), options.batchSize());
            PostgresCeiling.Result single = ceiling.rowPerTransaction(options.singleRows(), options.connections());
            postgres = new CeilingsReport.PostgresFigures(settings, List.of(batched, single));
        }

        Map<Long, Double> cpuSpent = SystemStats.cpuSpent(cpuBefore, SystemStats.cpuSeconds(options.systemPids()));
        return new CeilingsReport(options, startedAt, loadAtStart, SystemStats.loadAverage(), kafka, postgres,
                cpuSpent);
    }

    private static KafkaCeiling.Variant variant(String name, int lingerMs, long records, int throughput) {
        Map<String, String> properties = new LinkedHashMap<>();
        // As the system's publisher: every in-sync replica acknowledges, idempotent producer.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        return new KafkaCeiling.Variant(name, properties, records, throughput);
    }
}
