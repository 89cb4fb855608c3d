package org.hospital.alerting;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Alerting settings as the application binds them, for tests that build the side's parts by hand. */
public final class TestSettings {

    private TestSettings() {
    }

    public static AlertingSettings defaults() {
        return with(Map.of());
    }

    public static AlertingSettings with(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("hospital.alerting", AlertingSettings.class);
    }
}
