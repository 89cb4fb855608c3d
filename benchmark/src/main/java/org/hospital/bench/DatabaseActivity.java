package org.hospital.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL itself counted during the load: rows inserted, updated and deleted per table
 * ({@code pg_stat_user_tables}, always there) and, when the server carries {@code pg_stat_statements} (the embedded
 * server does with {@code HOSPITAL_POSTGRES_STATEMENT_STATS=true}, as {@code benchmark/run.sh} starts it), every
 * statement with its calls, rows and time. Read before and after the load; the report divides by the readings
 * acknowledged.
 */
record DatabaseActivity(Map<String, TableRows> tables, List<StatementCount> statements, boolean statementsCounted) {

    /** Rows written to one table. */
    record TableRows(long inserted, long updated, long deleted) {

        long written() {
            return inserted + updated + deleted;
        }

        TableRows minus(TableRows before) {
            return new TableRows(inserted - before.inserted, updated - before.updated, deleted - before.deleted);
        }
    }

    /** One normalised statement. */
    record StatementCount(String query, long calls, long rows, double totalMs) {
    }

    static final DatabaseActivity NONE = new DatabaseActivity(Map.of(), List.of(), false);

    /** Starts the count: the statement counters are reset (when present), the table counters remembered. */
    static DatabaseActivity start(SystemDatabase database) {
        boolean counted = database.read(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_stat_statements_reset()");
                return true;
            } catch (SQLException absent) {
                return false;
            }
        });
        return new DatabaseActivity(tableRows(database), List.of(), counted);
    }

    /** What happened since {@code start}. */
    DatabaseActivity since(SystemDatabase database) {
        // The table counters reach the statistics collector when a transaction ends, or at most a second later.
        Map<String, TableRows> after = tableRows(database);
        Map<String, TableRows> spent = new TreeMap<>();
        after.forEach((table, rows) -> {
            TableRows delta = rows.minus(tables.getOrDefault(table, new TableRows(0, 0, 0)));
            if (delta.written() > 0) {
                spent.put(table, delta);
            }
        });
        List<StatementCount> counted = statementsCounted ? statements(database) : List.of();
        return new DatabaseActivity(spent, counted, statementsCounted);
    }

    long statementCalls() {
        return statements.stream().mapToLong(StatementCount::calls).sum();
    }

    private static Map<String, TableRows> tableRows(SystemDatabase database) {
        return database.read(connection -> {
            Map<String, TableRows> rows = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(
                         "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables")) {
                while (result.next()) {
                    rows.put(result.getString(1), new TableRows(result.getLong(2), result.getLong(3),
                            result.getLong(4)));
                }
            }
            return rows;
        });
    }

    private static List<StatementCount> statements(SystemDatabase database) {
        return database.read(connection -> {
            List<StatementCount> found = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT query, calls, rows, total_exec_time "
                         + "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database "
                         + "WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'")) {
                while (result.next()) {
                    found.add(new StatementCount(result.getString(1).replaceAll("\\s+", " ").trim(),
                            result.getLong(2), result.getLong(3), result.getDouble(4)));
                }
            }
            found.sort(Comparator.comparingLong(StatementCount::calls).reversed());
            return found;
        });
    }
}
