package org.hospital.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;

/**
 * One JDBC connection for reading the system's tables that survives a restart of PostgreSQL: a read that fails is
 * tried once more on a new connection (reads only, so repeating one is harmless).
 */
public final class ReadConnection implements AutoCloseable {

    /** A read on the given connection. */
    public interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private Connection connection;

    public ReadConnection(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        try {
            connection = connect();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    public synchronized <T> T read(Read<T> read) {
        try {
            return read.run(connection());
        } catch (SQLException first) {
            closeQuietly();
            try {
                return read.run(connection());
            } catch (SQLException second) {
                closeQuietly();
                throw new IllegalStateException(second.getMessage(), second);
            }
        }
    }

    /** A {@code bigint} or {@code varchar} array parameter. */
    public static Array array(Connection connection, String type, Collection<?> values) throws SQLException {
        Object[] elements = type.equals("bigint") ? values.toArray() : values.stream().map(String::valueOf).toArray();
        return connection.createArrayOf(type, elements);
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connect();
        }
        return connection;
    }

    private Connection connect() throws SQLException {
        Connection fresh = DriverManager.getConnection(jdbcUrl, user, password);
        fresh.setAutoCommit(true);
        return fresh;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is dropped either way
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
