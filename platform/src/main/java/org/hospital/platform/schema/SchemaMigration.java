package org.hospital.platform.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

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
        configuration(dataSource, name).load().migrate();
        return new SchemaMigration(name);
    }

    /** Flyway as {@link #apply} runs it, for a test that migrates a database only up to a given version first. */
    public static FluentConfiguration configuration(DataSource dataSource, String name) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + name)
                .table("flyway_history_" + name)
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }

    public String name() {
        return name;
    }
}
