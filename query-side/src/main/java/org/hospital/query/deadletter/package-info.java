/**
 * Poison events of the projections: an event a projection cannot process is parked in a dead-letter queue with the
 * later events of its encounter behind it, while every other encounter's events go on. Parked events are logged,
 * counted and listed for admins, who retry them once the cause is removed. Transient failures (the database
 * unavailable) are not parked: the processor retries them as before.
 */
package org.hospital.query.deadletter;
