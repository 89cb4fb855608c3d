/**
 * The per-encounter alerting saga: it evaluates each reading against the threshold rules and NEWS2, keeps one alert
 * per type open (repeats are counted, not re-raised), arms durable deadlines (escalation, observations overdue) in
 * PostgreSQL, and sends its requests to the command side over Kafka.
 */
package org.hospital.alerting.saga;
