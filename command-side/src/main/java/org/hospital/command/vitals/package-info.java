/**
 * {@code POST /vitals} and {@code POST /vitals/batch}, from the request to the stored event: plausibility checks, the
 * door that refuses what the alert path cannot take, the group commit of concurrent requests, the
 * {@link org.hospital.command.vitals.RecordReadings} command and its handler, which stores each reading at most once
 * on its encounter (whose rules decide whether it may be recorded there).
 */
package org.hospital.command.vitals;
