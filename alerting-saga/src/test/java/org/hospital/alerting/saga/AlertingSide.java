package org.hospital.alerting.saga;

import java.util.HashMap;
import java.util.Map;
import org.hospital.alerting.AlertingTestApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The alerting side as its own process on a given database, started and stopped by a test (restart tests). */
final class AlertingSide implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private AlertingSide(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static AlertingSide start(String databaseUrl, Map<String, String> settings) {
        return start(databaseUrl, settings, new Class<?>[0]);
    }

    /** With more configuration classes, such as test doubles, added to the side's own. */
    static AlertingSide start(String databaseUrl, Map<String, String> settings, Class<?>... moreSources) {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put("server.port", "0");
        properties.putAll(AlertingTestApplication.properties(databaseUrl));
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new AlertingSide(new SpringApplicationBuilder(AlertingTestApplication.class).sources(moreSources)
                .run(arguments));
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
