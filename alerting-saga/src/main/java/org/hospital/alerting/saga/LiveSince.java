package org.hospital.alerting.saga;

import java.time.Instant;

/**
 * When the alerting side first started on this database ({@code alerting_started}, written by its migration): readings
 * received before it are history to the saga, readings received after it are live however late they are evaluated.
 */
record LiveSince(Instant instant) {
}
