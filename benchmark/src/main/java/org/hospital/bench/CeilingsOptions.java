package org.hospital.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Settings of the raw-ceilings measurement, parsed from {@code --key=value} arguments. */
record CeilingsOptions(String kafka, String jdbcUrl, String jdbcUser, String jdbcPassword, boolean measureKafka,
                       boolean measurePostgres, long kafkaRecords, int recordSize, int partitions, int lingerMs,
                       int pacedRate, int pacedSeconds, int serialRecords,
                       long batchedRows, int batchSize, long singleRows, int connections, int encounters,
                       List<Long> systemPids, Path output) {

    private static final String USAGE = """
            Usage: java -jar benchmark.jar ceilings [--key=value ...]
              --kafka=localhost:9092              bootstrap servers of the system's broker
              --jdbc-url=jdbc:postgresql://localhost:5433/hospital  (--jdbc-user, --jdbc-password: hospital)
              --only=all|kafka|postgres           which ceilings to measure
              --kafka-records=500000              records per producer run
              --record-size=0                     value bytes per record; 0: as many bytes as a VitalsRecorded
                                                  record of the domain-event topic takes (key and headers included)
              --partitions=0                      partitions of the fresh topics; 0: as many as hospital-events
              --linger-ms=5                       linger.ms of the second producer run (the first uses 0)
              --paced-rate=2000                   a third run held to this many records/s, for its latency
                                                  (0: no third run); --paced-seconds=30 long
              --serial-records=2000               records sent one at a time, each awaiting its ack, as the
                                                  system's publisher sends (0: skip), with linger.ms 5 and 0
              --pg-rows=200000                    rows of the batched insert
              --pg-batch=500                      rows per batch (one commit per batch)
              --pg-single-rows=20000              rows inserted one per transaction
              --pg-connections=16                 connections for the one-row-per-transaction inserts
              --encounters=1000                   aggregates the rows are spread over
              --system-pids=<pid,...>             processes whose CPU use during the ceilings is reported
              --output=bench-results/ceilings.json  JSON report path
            """;

    static CeilingsOptions parse(String[] args) {
        Map<String, String> values = Options.keyValues(args, USAGE);
        String only = Options.take(values, "only", "all");
        if (!List.of("all", "kafka", "postgres").contains(only)) {
            throw new IllegalArgumentException("--only must be all, kafka or postgres\n" + USAGE);
        }
        CeilingsOptions options = new CeilingsOptions(
                Options.take(values, "kafka", "localhost:9092"),
                Options.take(values, "jdbc-url", "jdbc:postgresql://localhost:5433/hospital"),
                Options.take(values, "jdbc-user", "hospital"),
                Options.take(values, "jdbc-password", "hospital"),
                !only.equals("postgres"),
                !only.equals("kafka"),
                Long.parseLong(Options.take(values, "kafka-records", "500000")),
                Integer.parseInt(Options.take(values, "record-size", "0")),
                Integer.parseInt(Options.take(values, "partitions", "0")),
                Integer.parseInt(Options.take(values, "linger-ms", "5")),
                Integer.parseInt(Options.take(values, "paced-rate", "2000")),
                Integer.parseInt(Options.take(values, "paced-seconds", "30")),
                Integer.parseInt(Options.take(values, "serial-records", "2000")),
                Long.parseLong(Options.take(values, "pg-rows", "200000")),
                Integer.parseInt(Options.take(values, "pg-batch", "500")),
                Long.parseLong(Options.take(values, "pg-single-rows", "20000")),
                Integer.parseInt(Options.take(values, "pg-connections", "16")),
                Integer.parseInt(Options.take(values, "encounters", "1000")),
                Options.pids(Options.take(values, "system-pids", "")),
                Path.of(Options.take(values, "output", "bench-results/ceilings.json")));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) " + values.keySet() + "\n" + USAGE);
        }
        if (options.kafkaRecords < 1 || options.recordSize < 0 || options.partitions < 0 || options.lingerMs < 0
                || options.pacedRate < 0 || options.pacedSeconds < 1 || options.serialRecords < 0
                || options.batchedRows < 1 || options.batchSize < 1 || options.singleRows < 1
                || options.connections < 1 || options.encounters < 1) {
            throw new IllegalArgumentException("counts must be positive (record-size, partitions, linger-ms, paced-rate,"
                    + " serial-records: 0 or more)\n" + USAGE);
        }
        return options;
    }
}
