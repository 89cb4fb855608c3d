/**
 * The per-encounter alerting saga: it evaluates each reading, remembers which alert types are open so that a
 * breach raises one alert and not one per reading, and sends {@code RaiseAlert} to the command side over Kafka.
 */
package org.hospital.alerting.saga;
