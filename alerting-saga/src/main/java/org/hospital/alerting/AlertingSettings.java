package org.hospital.alerting;

import java.time.Duration;
import java.util.Objects;
import org.hospital.alerting.rules.Thresholds;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the alerting side ({@code hospital.alerting.*}).
 *
 * @param maxReadingAge            readings measured longer than this before they reached the system raise no alert
 *                                 (a monitor that sends its buffer late): paging a nurse for a state the patient
 *                                 may no longer be in is noise. How late the system itself evaluates a reading
 *                                 never counts (saga.ReadingEvaluator).
 * @param unconfirmedAlertTimeout  how long a requested alert may stay unconfirmed (no {@code AlertRaised} seen)
 *                                 before a new breach of its type requests another one, so a lost or rejected
 *                                 request cannot silence that type for the rest of the stay.
 * @param commandSendTimeout       how long sending a {@code RaiseAlert} may wait for the broker's acknowledgement
 *                                 before the saga's event fails and is retried.
 * @param thresholds               the limits of the threshold rules; defaults are docs/api.md, Alert rules.
 * @param news2Freshness           how old a parameter's latest value may be (measured against the newest reading of
 *                                 the encounter) and still count in NEWS2, so that an old value does not keep a
 *                                 score alive.
 * @param news2ContinuousInterval  the longest gap between readings that "continuous monitoring" (NEWS2 7 or more,
 *                                 RCP 2017 chart 4) tolerates before OBSERVATIONS_OVERDUE; whole minutes.
 * @param escalation               how long an alert may stay unacknowledged, per severity, before it escalates.
 * @param deadlines                the persistent deadline scheduler (db-scheduler on PostgreSQL).
 * @param processorSegments        how many segments (and threads) the saga's processor splits the encounters into
 *                                 when it first starts (no tokens stored yet). Each encounter stays in one segment,
 *                                 in order; instances of the alerting side share the segments. Every segment reads
 *                                 and decodes the whole topic (a tracking processor's segment is a consumer of its
 *                                 own), so a second segment only pays when a second instance takes it: one by
 *                                 default, two or more for several alerting instances.
 * @param processorBatchSize       the most events the saga's processor handles in one transaction. A batch is what
 *                                 has arrived, so live readings come in small batches whatever this is; a backlog is
 *                                 worked off in batches this large. Every saga a batch changed is encoded and written
 *                                 once when it commits, so with more events per encounter in a batch there are fewer
 *                                 writes per event (with a thousand encounters: 0.95 per event at 500, 0.18 at 5,000;
 *                                 BENCHMARKS.md, eighth round). Larger than the other processors' batches
 *                                 ({@code hospital.kafka.processor-batch-size}), whose cost is per event.
 * @param deadLetters              the retry of parked poison events.
 */
@ConfigurationProperties("hospital.alerting")
public record AlertingSettings(@DefaultValue("PT1H") Duration maxReadingAge,
                               @DefaultValue("PT5M") Duration unconfirmedAlertTimeout,
                               @DefaultValue("PT10S") Duration commandSendTimeout,
                               @DefaultValue ThresholdSettings thresholds,
                               @DefaultValue("PT60M") Duration news2Freshness,
                               @DefaultValue("PT15M") Duration news2ContinuousInterval,
                               @DefaultValue EscalationSettings escalation,
                               @DefaultValue DeadlineSettings deadlines,
                               @DefaultValue("1") int processorSegments,
                               @DefaultValue("5000") int processorBatchSize,
                               @DefaultValue DeadLetterSettings deadLetters) {

    public AlertingSettings {
        requirePositive(maxReadingAge, "hospital.alerting.max-reading-age");
        requirePositive(unconfirmedAlertTimeout, "hospital.alerting.unconfirmed-alert-timeout");
        requirePositive(commandSendTimeout, "hospital.alerting.command-send-timeout");
        Objects.requireNonNull(thresholds, "hospital.alerting.thresholds");
        requirePositive(news2Freshness, "hospital.alerting.news2-freshness");
        requirePositive(news2ContinuousInterval, "hospital.alerting.news2-continuous-interval");
        // Observation intervals are kept and published in whole minutes (News2Scored.monitoring_interval_minutes).
        if (!news2ContinuousInterval.equals(Duration.ofMinutes(news2ContinuousInterval.toMinutes()))) {
            throw new IllegalArgumentException("hospital.alerting.news2-continuous-interval must be whole minutes");
        }
        Objects.requireNonNull(escalation, "hospital.alerting.escalation");
        Objects.requireNonNull(deadlines, "hospital.alerting.deadlines");
        if (processorSegments < 1) {
            throw new IllegalArgumentException("hospital.alerting.processor-segments must be at least 1");
        }
        if (processorBatchSize < 1) {
            throw new IllegalArgumentException("hospital.alerting.processor-batch-size must be at least 1");
        }
        Objects.requireNonNull(deadLetters, "hospital.alerting.dead-letters");
    }

    /**
     * Escalation of unacknowledged alerts (docs/api.md, Alert rules: critical 5, high 15, medium 60 minutes). After an
     * escalation the same wait starts again for the next level, up to {@code maxLevel}: an alert nobody answers keeps
     * escalating rather than going quiet after one attempt.
     */
    public record EscalationSettings(@DefaultValue("PT5M") Duration critical,
                                     @DefaultValue("PT15M") Duration high,
                                     @DefaultValue("PT60M") Duration medium,
                                     @DefaultValue("3") int maxLevel) {

        public EscalationSettings {
            requirePositive(critical, "hospital.alerting.escalation.critical");
            requirePositive(high, "hospital.alerting.escalation.high");
            requirePositive(medium, "hospital.alerting.escalation.medium");
            if (maxLevel < 1) {
                throw new IllegalArgumentException("hospital.alerting.escalation.max-level must be at least 1");
            }
        }

        /** The wait for a severity in the contract's spelling; an unknown one gets the shortest (critical). */
        public Duration after(String severity) {
            return switch (severity == null ? "" : severity) {
                case "medium" -> medium;
                case "high" -> high;
                default -> critical;
            };
        }
    }

    /**
     * The deadline scheduler: how often it looks for due deadlines, how many run at once, and how long a deadline
     * whose handling failed (Kafka unreachable, processor still catching up) waits before the next attempt (doubling
     * from {@code retryAfter} up to {@code maxRetryAfter}). A running deadline's instance confirms it every
     * {@code heartbeat}; one not confirmed for six heartbeats belonged to an instance that died, and another instance
     * runs it again (db-scheduler's default heartbeat of five minutes would hold an escalation for half an hour).
     */
    public record DeadlineSettings(@DefaultValue("PT1S") Duration pollingInterval,
                                   @DefaultValue("2") int threads,
                                   @DefaultValue("PT5S") Duration retryAfter,
                                   @DefaultValue("PT1M") Duration maxRetryAfter,
                                   @DefaultValue("PT5S") Duration heartbeat) {

        public DeadlineSettings {
            requirePositive(pollingInterval, "hospital.alerting.deadlines.polling-interval");
            requirePositive(heartbeat, "hospital.alerting.deadlines.heartbeat");
            requirePositive(retryAfter, "hospital.alerting.deadlines.retry-after");
            requirePositive(maxRetryAfter, "hospital.alerting.deadlines.max-retry-after");
            if (threads < 1) {
                throw new IllegalArgumentException("hospital.alerting.deadlines.threads must be at least 1");
            }
        }
    }

    /**
     * Parked poison events: how often this side looks for encounters whose parked events an admin asked to retry
     * ({@code POST /admin/alerting/dead-letters/retry} marks them, on any instance of this side).
     */
    public record DeadLetterSettings(@DefaultValue("PT5S") Duration retryPollInterval) {

        public DeadLetterSettings {
            requirePositive(retryPollInterval, "hospital.alerting.dead-letters.retry-poll-interval");
        }
    }

    /**
     * The rule limits as properties ({@code hospital.alerting.thresholds.tachycardia-hr-above=130}). They mirror
     * {@link Thresholds}, which stays free of Spring; the defaults are docs/api.md, Alert rules (the default table).
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
