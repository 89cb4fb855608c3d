package org.hospital.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.hospital.alerting.rules.Thresholds;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

class AlertingSettingsTest {

    @Test
    void defaultsToTheContractsThresholdsAndAnHourOfReadingAge() {
        AlertingSettings settings = bind(Map.of());

        assertThat(settings.thresholds().toThresholds()).isEqualTo(Thresholds.contract());
        assertThat(settings.maxReadingAge()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.unconfirmedAlertTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.commandSendTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void defaultsToTheContractsEscalationDeadlinesAndAnHourOfNews2Freshness() {
        AlertingSettings settings = bind(Map.of());

        assertThat(settings.escalation().after("critical")).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.escalation().after("high")).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.escalation().after("medium")).isEqualTo(Duration.ofMinutes(60));
        assertThat(settings.escalation().maxLevel()).isEqualTo(3);
        assertThat(settings.news2Freshness()).isEqualTo(Duration.ofMinutes(60));
        assertThat(settings.news2ContinuousInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.deadlines().pollingInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shortensAnEscalationDeadlineByConfiguration() {
        AlertingSettings settings = bind(Map.of("hospital.alerting.escalation.critical", "PT10S",
                "hospital.alerting.news2-freshness", "PT30M"));

        assertThat(settings.escalation().after("critical")).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.escalation().after("high")).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.news2Freshness()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void givesAnUnknownSeverityTheShortestEscalationDeadline() {
        assertThat(bind(Map.of()).escalation().after("urgent")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void overridesOneThresholdAndKeepsTheOthers() {
        AlertingSettings settings = bind(Map.of("hospital.alerting.thresholds.tachycardia-hr-above", "120",
                "hospital.alerting.max-reading-age", "PT30M"));

        assertThat(settings.thresholds().tachycardiaHrAbove()).isEqualTo(120);
        assertThat(settings.thresholds().feverTempAbove()).isEqualTo(38.5);
        assertThat(settings.maxReadingAge()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void rejectsANonPositiveReadingAge() {
        assertThatThrownBy(() -> bind(Map.of("hospital.alerting.max-reading-age", "PT0S")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("max-reading-age");
    }

    /** The interval travels with each NEWS2 score in whole minutes: a setting of 90 seconds could not be told. */
    @Test
    void takesTheContinuousMonitoringIntervalInWholeMinutesOnly() {
        assertThat(bind(Map.of("hospital.alerting.news2-continuous-interval", "PT5M")).news2ContinuousInterval())
                .isEqualTo(Duration.ofMinutes(5));
        for (String notWholeMinutes : new String[] {"PT30S", "PT90S", "PT1M0.5S"}) {
            assertThatThrownBy(() -> bind(Map.of("hospital.alerting.news2-continuous-interval", notWholeMinutes)))
                    .isInstanceOf(BindException.class)
                    .rootCause().hasMessageContaining("news2-continuous-interval must be whole minutes");
        }
    }

    @Test
    void worksOffABacklogInBatchesOfFiveThousandEventsUnlessConfigured() {
        assertThat(bind(Map.of()).processorBatchSize()).isEqualTo(5000);
        assertThat(bind(Map.of("hospital.alerting.processor-batch-size", "200")).processorBatchSize()).isEqualTo(200);
        assertThatThrownBy(() -> bind(Map.of("hospital.alerting.processor-batch-size", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("processor-batch-size");
    }

    private static AlertingSettings bind(Map<String, String> properties) {
        return TestSettings.with(properties);
    }
}
