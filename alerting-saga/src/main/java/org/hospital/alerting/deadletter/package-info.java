/**
 * Poison events of the alerting saga: an event the saga cannot handle is parked in {@code saga_dead_letter} with the
 * later events of its encounter behind it, while every other encounter's alerting goes on. Parked events are logged,
 * counted, listed and marked for retry by admins on this side ({@code /admin/alerting/dead-letters}), and retried in
 * order by this side. The table is this package's alone: no other side reads or writes it. Transient failures
 * (database or broker unavailable) are not parked: the processor retries them as before.
 */
package org.hospital.alerting.deadletter;
