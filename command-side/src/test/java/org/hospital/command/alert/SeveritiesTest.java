package org.hospital.command.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeveritiesTest {

    @ParameterizedTest(name = "{0} and {1} -> {2}")
    @CsvSource({
            "medium, high, high",
            "high, medium, high",
            "high, critical, critical",
            "critical, high, critical",
            "high, high, high",
            "urgent, critical, urgent",
    })
    void keepsTheMoreUrgentSeverityAndNeverLowersAnUnknownOne(String current, String requested, String higher) {
        assertThat(Severities.higher(current, requested)).isEqualTo(higher);
    }
}
