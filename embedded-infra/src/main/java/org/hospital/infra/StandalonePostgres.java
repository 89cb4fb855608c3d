package org.hospital.infra;

import java.nio.file.Path;

/**
 * PostgreSQL as a process of its own: {@code StandalonePostgres <data directory> <port>} starts
 * {@link EmbeddedPostgres} on that directory and port (database, user and password {@code hospital}) and runs until
 * the process is stopped, which stops the server. For a deployment on one machine without a PostgreSQL of its own,
 * such as {@code deploy/topology.sh}; the one-command jar launches it with
 * {@code -Dloader.main=org.hospital.infra.StandalonePostgres org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class StandalonePostgres {

    private StandalonePostgres() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("Usage: StandalonePostgres <data directory> <port>");
            System.exit(2);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("PostgreSQL ready on " + postgres.jdbcUrl());
        Thread.currentThread().join();
    }
}
