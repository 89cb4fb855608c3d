package org.hospital.alerting.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.hospital.alerting.rules.Measurement;
import org.hospital.alerting.rules.News2Inputs;
import org.hospital.events.VitalsRecorded;

/**
 * The latest trusted value of each NEWS2 parameter of an encounter (RCP 2017 chart 1 scores "the latest value of each
 * parameter"). A measurement the device flagged never replaces a trusted one; a reading measured earlier than the
 * value held (entered late) does not replace it either. Saga state, so a plain record Jackson reads back; a parameter
 * never measured is null.
 */
public record LatestVitals(Latest<Integer> respRate, Latest<Integer> spo2Pct, Latest<Boolean> onOxygen,
                           Latest<Integer> bpSystolic, Latest<Integer> hrBpm, Latest<String> consciousness,
                           Latest<Double> tempC) {

    static LatestVitals none() {
        return new LatestVitals(null, null, null, null, null, null, null);
    }

    /** These values updated with a reading's trusted measurements. */
    LatestVitals with(VitalsRecorded reading, Set<Measurement> excluded) {
        Instant at = ReadingEvaluator.measuredAt(reading);
        if (at == null) {
            return this;
        }
        long id = reading.readingId();
        return new LatestVitals(
                newer(respRate, excluded.contains(Measurement.RESP_RATE) ? null : reading.respRate(), at, id),
                newer(spo2Pct, excluded.contains(Measurement.SPO2_PCT) ? null : reading.spo2Pct(), at, id),
                newer(onOxygen, reading.onOxygen(), at, id),
                newer(bpSystolic, excluded.contains(Measurement.BP_SYSTOLIC) ? null : reading.bpSystolic(), at, id),
                newer(hrBpm, excluded.contains(Measurement.HR_BPM) ? null : reading.hrBpm(), at, id),
                newer(consciousness, blankToNull(reading.consciousness()), at, id),
                newer(tempC, excluded.contains(Measurement.TEMP_C) ? null : reading.tempC(), at, id));
    }

    /** The NEWS2 inputs at {@code asOf}: only values measured within {@code freshness} before it. */
    News2Inputs freshAt(Instant asOf, Duration freshness, int spo2Scale) {
        return new News2Inputs(fresh(respRate, asOf, freshness), fresh(spo2Pct, asOf, freshness),
                fresh(onOxygen, asOf, freshness), fresh(bpSystolic, asOf, freshness), fresh(hrBpm, asOf, freshness),
                fresh(consciousness, asOf, freshness), fresh(tempC, asOf, freshness), spo2Scale);
    }

    private static <T> Latest<T> newer(Latest<T> held, T value, Instant at, long readingId) {
        if (value == null) {
            return held;
        }
        return held == null || held.isOlderThan(at, readingId) ? new Latest<>(value, at, readingId) : held;
    }

    private static <T> T fresh(Latest<T> held, Instant asOf, Duration freshness) {
        return held != null && held.isFreshAt(asOf, freshness) ? held.value() : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
