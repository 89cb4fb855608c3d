package org.hospital.alerting.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hospital.alerting.AlertingSettings;
import org.hospital.alerting.rules.Breach;
import org.hospital.alerting.rules.DeviceFlags;
import org.hospital.alerting.rules.Measurement;
import org.hospital.alerting.rules.Measurements;
import org.hospital.alerting.rules.ThresholdRules;
import org.hospital.events.VitalsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a recorded reading for the saga: whether it is history (older than {@code max-reading-age}), which of its
 * measurements the device flagged, and which threshold rules its trusted measurements breach.
 */
@Component
class ReadingEvaluator {

    private static final Logger log = LoggerFactory.getLogger(ReadingEvaluator.class);

    private final ThresholdRules rules;
    private final Clock clock;
    private final Duration maxReadingAge;

    ReadingEvaluator(AlertingSettings settings, Clock clock) {
        this.rules = new ThresholdRules(settings.thresholds().toThresholds());
        this.clock = clock;
        this.maxReadingAge = settings.maxReadingAge();
    }

    /** What the saga needs to know about one reading. */
    record Evaluation(boolean historical, Set<Measurement> excluded, List<Breach> breaches) {
    }

    Evaluation evaluate(VitalsRecorded reading) {
        DeviceFlags.Interpretation flags = DeviceFlags.interpret(reading.deviceFlags());
        if (isHistorical(reading)) {
            // History: a processor reset to an earlier position, a backlog after a long outage, a reading entered
            // late. An alert about an old measurement would page staff for a state the patient may no longer be in.
            log.debug("Reading {} of encounter {} is older than {}; not evaluated", reading.readingId(),
                    reading.encounterId(), maxReadingAge);
            return new Evaluation(true, flags.excluded(), List.of());
        }
        if (!flags.unrecognised().isEmpty()) {
            log.warn("Reading {} carries device flags this side does not know ({}); all its measurements were "
                    + "evaluated", reading.readingId(), printable(flags.unrecognised()));
        }
        return new Evaluation(false, flags.excluded(), rules.evaluate(measurementsOf(reading).without(flags.excluded())));
    }

    /** The threshold breaches of a reading worth alerting on (none for history). */
    List<Breach> breachesOf(VitalsRecorded reading) {
        return evaluate(reading).breaches();
    }

    Instant now() {
        return clock.instant();
    }

    private boolean isHistorical(VitalsRecorded reading) {
        Instant measuredAt = measuredAt(reading);
        return measuredAt != null && measuredAt.isBefore(clock.instant().minus(maxReadingAge));
    }

    /** The time of measurement; the time of receipt when the device sent none. */
    static Instant measuredAt(VitalsRecorded reading) {
        return reading.timestamp() != null ? reading.timestamp() : reading.receivedAt();
    }

    private static Measurements measurementsOf(VitalsRecorded reading) {
        return new Measurements(reading.hrBpm(), reading.spo2Pct(), reading.tempC(), reading.bpSystolic(),
                reading.bpDiastolic(), reading.respRate());
    }

    /** Device input in a log line: only letters, digits and underscores, and not too much of it. */
    private static String printable(Set<String> flags) {
        return flags.stream()
                .limit(10)
                .map(flag -> flag.replaceAll("[^a-z0-9_]", "?"))
                .map(flag -> flag.length() > 40 ? flag.substring(0, 40) + "..." : flag)
                .collect(Collectors.joining(","));
    }
}
