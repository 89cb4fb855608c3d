package org.hospital.query.fhir;

import java.util.List;

/**
 * {@code GET /fhir/r4/Observation?encounter=&category=&code=&date=}: the observation kinds asked for
 * ({@link VitalSign} keys and {@code news2}), the time range, the order and the page.
 */
record ObservationSearch(long encounterId, List<String> kinds, DateRange dates, boolean ascending, int count,
                         int offset) {
}
