package org.hospital.alerting.saga;

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
 * Reads a recorded reading for the saga: whether it is history, which of its measurements the device flagged, and
 * which threshold rules its trusted measurements breach.
 * <p>
 * <b>History is told by when a reading was received, never by when it is evaluated.</b> A reading is history when it
 * reached the system more than {@code max-reading-age} before the alerting side first started ({@link LiveSince}: a
 * side deployed later, or rebuilt from an empty database, reads the whole topic and must not page staff about last
 * week), or when the device measured it more than {@code max-reading-age} before sending it (a monitor's buffer
 * emptied late). A live reading that the
 * system itself evaluates late (a backlog after an outage, a burst) is still evaluated: its alert comes late, but it
 * comes.
 */
@Component
class ReadingEvaluator {

    private static final Logger log = LoggerFactory.getLogger(ReadingEvaluator.class);

    private final ThresholdRules rules;
    private final Duration maxReadingAge;
    private final Instant liveSince;

    ReadingEvaluator(AlertingSettings settings, LiveSince liveSince) {
        this.rules = new ThresholdRules(settings.thresholds().toThresholds());
        this.maxReadingAge = settings.maxReadingAge();
        this.liveSince = liveSince.instant();
    }

    /** What the saga needs to know about one reading. */
    record Evaluation(boolean historical, Set<Measurement> excluded, List<Breach> breaches) {
    }

    Evaluation evaluate(VitalsRecorded reading) {
        DeviceFlags.Interpretation flags = DeviceFlags.interpret(reading.deviceFlags());
        if (isHistorical(reading)) {
            // An alert about a measurement this old when it arrived would page staff for a state the patient may no
            // longer be in.
            log.debug("Reading {} of encounter {} is history; not evaluated", reading.readingId(),
                    reading.encounterId());
            return new Evaluation(true, flags.excluded(), List.of());
        }
        if (!flags.unrecognised().isEmpty()) {
            log.warn("Reading {} carries device flags this side does not know ({}); all its measurements were "
                    + "evaluated", reading.readingId(), printable(flags.unrecognised()));
        }
        return new Evaluation(false, flags.excluded(), rules.evaluate(measurementsOf(reading).without(flags.excluded())));
    }

    private boolean isHistorical(VitalsRecorded reading) {
        Instant receivedAt = receivedAt(reading);
        if (receivedAt == null) {
            return false;
        }
        Instant measuredAt = measuredAt(reading);
        return receivedAt.isBefore(liveSince.minus(maxReadingAge))
                || measuredAt.isBefore(receivedAt.minus(maxReadingAge));
    }

    /** The time of receipt; the time of measurement for a reading stored before receipt times were kept. */
    static Instant receivedAt(VitalsRecorded reading) {
        return reading.receivedAt() != null ? reading.receivedAt() : reading.timestamp();
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
