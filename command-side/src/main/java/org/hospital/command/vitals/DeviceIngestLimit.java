package org.hospital.command.vitals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;

/**
 * Bounds the readings one device may send: a bucket of {@code burst} readings per device, refilled at
 * {@code perSecond}. A bedside monitor sends about one reading a second and, after a network outage, a backlog in
 * batches; a device sending far more is broken or not a monitor, and must not crowd out the others. A request that
 * would take more readings than the bucket holds is refused whole (429, nothing stored) with the seconds until it
 * would fit. Per instance: with several command-side instances a device gets the limit on each.
 */
final class DeviceIngestLimit {

    private static final int DEVICES = 100_000;

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final Cache<Long, Bucket> buckets = Caffeine.newBuilder().maximumSize(DEVICES)
            .expireAfterAccess(Duration.ofHours(1)).build();

    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    DeviceIngestLimit(double perSecond, int burst, Clock clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes {@code readings} from the device's bucket, or says how long until they would fit. */
    Optional<Duration> take(long deviceId, int readings) {
        long now = nanos();
        Bucket bucket = buckets.get(deviceId, id -> {
            Bucket full = new Bucket();
            full.tokens = burst;
            full.updatedNanos = now;
            return full;
        });
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedNanos) / 1e9 * perSecond);
            bucket.updatedNanos = now;
            if (readings <= bucket.tokens) {
                bucket.tokens -= readings;
                return Optional.empty();
            }
            double missing = Math.min(readings, burst) - bucket.tokens;
            return Optional.of(Duration.ofMillis((long) Math.ceil(missing / perSecond * 1000)));
        }
    }

    private long nanos() {
        Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** The device sent more readings than its limit allows. */
    static final class TooManyReadings extends DomainException {

        TooManyReadings(Duration retryAfter) {
            super(ErrorCode.RATE_LIMITED, "Too many readings from this device; retry later", retryAfter);
        }
    }
}
