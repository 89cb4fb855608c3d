package org.hospital.platform.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies one set of Flyway migrations ({@code classpath:db/<name>}) with its own history table, so that each side
 * owns its tables and can be deployed alone against a shared database. Created as a bean, it runs before any
 * event processor starts.
 */
public final class SchemaMigration {

    private final String name;

    private SchemaMigration(String name) {
        this.name = name;
    }

    public static SchemaMigration apply(DataSource dataSource, String name) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + name)
                .table("flyway_history_" + name)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new SchemaMigration(name);
    }

    public String name() {
        return name;
    }
}
