package org.hospital.alerting;

import java.time.Duration;
import java.util.Objects;
import org.hospital.alerting.rules.Thresholds;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the alerting side ({@code hospital.alerting.*}).
 *
 * @param maxReadingAge            readings measured longer ago than this (against the clock) raise no alert: they
 *                                 are history (a processor reset to an earlier position, a backlog after an
 *                                 outage), and paging a nurse for last week's tachycardia is noise.
 * @param unconfirmedAlertTimeout  how long a requested alert may stay unconfirmed (no {@code AlertRaised} seen)
 *                                 before a new breach of its type requests another one, so a lost or rejected
 *                                 request cannot silence that type for the rest of the stay.
 * @param commandSendTimeout       how long sending a {@code RaiseAlert} may wait for the broker's acknowledgement
 *                                 before the saga's event fails and is retried.
 * @param thresholds               the limits of the threshold rules; defaults are CONTRACT §6.
 */
@ConfigurationProperties("hospital.alerting")
public record AlertingSettings(@DefaultValue("PT1H") Duration maxReadingAge,
                               @DefaultValue("PT5M") Duration unconfirmedAlertTimeout,
                               @DefaultValue("PT10S") Duration commandSendTimeout,
                               @DefaultValue ThresholdSettings thresholds) {

    public AlertingSettings {
        requirePositive(maxReadingAge, "hospital.alerting.max-reading-age");
        requirePositive(unconfirmedAlertTimeout, "hospital.alerting.unconfirmed-alert-timeout");
        requirePositive(commandSendTimeout, "hospital.alerting.command-send-timeout");
        Objects.requireNonNull(thresholds, "hospital.alerting.thresholds");
    }

    /**
     * The rule limits as properties ({@code hospital.alerting.thresholds.tachycardia-hr-above=130}). They mirror
     * {@link Thresholds}, which stays free of Spring; the defaults are CONTRACT §6 (the seed's table).
     */
    public record ThresholdSettings(@DefaultValue("130") int tachycardiaHrAbove,
                                    @DefaultValue("50") int bradycardiaHrBelow,
                                    @DefaultValue("90") int hypoxiaSpo2Below,
                                    @DefaultValue("38.5") double feverTempAbove,
                                    @DefaultValue("180") int hypertensionSystolicAbove,
                                    @DefaultValue("110") int hypertensionDiastolicAbove,
                                    @DefaultValue("90") int hypotensionSystolicBelow,
                                    @DefaultValue("24") int tachypneaRespRateAbove,
                                    @DefaultValue("8") int bradypneaRespRateBelow,
                                    @DefaultValue("38.5") double sepsisTempAbove,
                                    @DefaultValue("100") int sepsisHrAbove,
                                    @DefaultValue("20") int sepsisRespRateAbove,
                                    @DefaultValue("92") int respiratoryDistressSpo2Below,
                                    @DefaultValue("24") int respiratoryDistressRespRateAbove) {

        public Thresholds toThresholds() {
            return new Thresholds(tachycardiaHrAbove, bradycardiaHrBelow, hypoxiaSpo2Below, feverTempAbove,
                    hypertensionSystolicAbove, hypertensionDiastolicAbove, hypotensionSystolicBelow,
                    tachypneaRespRateAbove, bradypneaRespRateBelow, sepsisTempAbove, sepsisHrAbove,
                    sepsisRespRateAbove, respiratoryDistressSpo2Below, respiratoryDistressRespRateAbove);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
