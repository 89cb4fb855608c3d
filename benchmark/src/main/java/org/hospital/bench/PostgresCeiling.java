package org.hospital.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's ceiling for the event store's writes: plain JDBC inserts of rows shaped like the event store's
 * {@code VitalsRecorded} rows into a scratch table with the same columns, keys and constraints as
 * {@code domain_event_entry}, once in large batches and once one row per transaction from many connections (what
 * single-reading requests cost when each commits on its own). The table is created for each measurement and dropped
 * after it, so the system's own tables are never written.
 */
final class PostgresCeiling {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCeiling.class);
    static final String TABLE = "ceiling_event_entry";
    /** The event store's table as the Axon migration creates it, under another name and with its own sequence. */
    private static final String CREATE = """
            CREATE TABLE %s (
                global_index         BIGSERIAL    NOT NULL,
                aggregate_identifier VARCHAR(255) NOT NULL,
                sequence_number      BIGINT       NOT NULL,
                type                 VARCHAR(255),
                event_identifier     VARCHAR(255) NOT NULL,
                meta_data            BYTEA,
                payload              BYTEA        NOT NULL,
                payload_revision     VARCHAR(255),
                payload_type         VARCHAR(255) NOT NULL,
                time_stamp           VARCHAR(255) NOT NULL,
                PRIMARY KEY (global_index),
                UNIQUE (aggregate_identifier, sequence_number),
                UNIQUE (event_identifier)
            )""".formatted(TABLE);
    private static final String INSERT = "INSERT INTO " + TABLE + " (aggregate_identifier, sequence_number, type,"
            + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Rows written, how long it took, and per-commit latency where each row was its own transaction;
     * {@code rowsInTable} is counted in the table afterwards, as a check that every insert landed.
     */
    record Result(String name, long rows, int connections, int rowsPerCommit, double seconds, long bytes,
                  Percentiles commitLatency, long rowsInTable) {

        Result counted(long rowsInTable) {
            return new Result(name, rows, connections, rowsPerCommit, seconds, bytes, commitLatency, rowsInTable);
        }

        double rowsPerSecond() {
            return rows / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / (1024 * 1024);
        }
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int encounters;

    PostgresCeiling(String jdbcUrl, String user, String password, int encounters) {
        this.jdbcUrl = withBatchRewrite(jdbcUrl);
        this.user = user;
        this.password = password;
        this.encounters = encounters;
    }

    /** The driver sends a batch of single-row inserts as multi-row inserts only when asked to. */
    static String withBatchRewrite(String jdbcUrl) {
        if (jdbcUrl.contains("reWriteBatchedInserts=")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** The server settings that decide what a commit costs. */
    Map<String, String> settings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "wal_sync_method",
                    "commit_delay", "full_page_writes", "shared_buffers", "max_wal_size")) {
                try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        }
        return settings;
    }

    /** {@code rows} rows on one connection, {@code batchSize} per JDBC batch, one commit per batch. */
    Result batched(long rows, int batchSize) throws SQLException {
        return withScratchTable(() -> {
            long bytes = 0;
            try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
                connection.setAutoCommit(false);
                long start = System.nanoTime();
                for (long index = 0; index < rows; index++) {
                    VitalsEventShape.Row row = VitalsEventShape.Row.of(index, encounters);
                    bind(insert, row);
                    insert.addBatch();
                    bytes += row.bytes();
                    if ((index + 1) % batchSize == 0 || index + 1 == rows) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Result("batched insert", rows, 1, batchSize, seconds, bytes, Percentiles.EMPTY, -1);
            }
        });
    }

    /** {@code rows} rows from {@code connections} connections, each insert its own transaction (autocommit). */
    Result rowPerTransaction(long rows, int connections) throws Exception {
        return withScratchTable(() -> {
            AtomicLong next = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            LatencyRecorder commits = new LatencyRecorder();
            List<Connection> open = new ArrayList<>();
            try {
                for (int i = 0; i < connections; i++) {
                    Connection connection = connect();
                    connection.setAutoCommit(true);
                    open.add(connection);
                }
                ExecutorService workers = Executors.newFixedThreadPool(connections);
                try {
                    long start = System.nanoTime();
                    List<Future<?>> done = new ArrayList<>();
                    for (Connection connection : open) {
                        done.add(workers.submit(() -> {
                            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                                for (long index = next.getAndIncrement(); index < rows;
                                     index = next.getAndIncrement()) {
                                    VitalsEventShape.Row row = VitalsEventShape.Row.of(index, encounters);
                                    bind(insert, row);
                                    long sent = System.nanoTime();
                                    insert.executeUpdate();
                                    commits.record(System.nanoTime() - sent);
                                    bytes.addAndGet(row.bytes());
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> future : done) {
                        future.get();
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    return new Result("row per transaction", rows, connections, 1, seconds, bytes.get(),
                            commits.summary(), -1);
                } finally {
                    workers.shutdownNow();
                }
            } finally {
                for (Connection connection : open) {
                    connection.close();
                }
            }
        });
    }

    private static void bind(PreparedStatement insert, VitalsEventShape.Row row) throws SQLException {
        insert.setString(1, row.aggregateIdentifier());
        insert.setLong(2, row.sequenceNumber());
        insert.setString(3, VitalsEventShape.AGGREGATE_TYPE);
        insert.setString(4, row.eventIdentifier());
        insert.setBytes(5, row.metaData());
        insert.setBytes(6, row.payload());
        insert.setString(7, null);
        insert.setString(8, VitalsEventShape.PAYLOAD_TYPE);
        insert.setString(9, row.timeStamp());
    }

    private interface Measurement {
        Result run() throws Exception;
    }

    private Result withScratchTable(Measurement measurement) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute(CREATE);
            try {
                Result result = measurement.run();
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
                    count.next();
                    result = result.counted(count.getLong(1));
                }
                LOG.info("PostgreSQL ceiling '{}': {} rows in {} s", result.name(), result.rows(),
                        Math.round(result.seconds() * 10) / 10.0);
                return result;
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL ceiling failed: " + e.getMessage(), e);
            } finally {
                statement.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
