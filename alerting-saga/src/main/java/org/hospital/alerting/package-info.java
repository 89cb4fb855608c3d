/**
 * The alerting side: reads the domain events from Kafka, keeps one saga per encounter and asks the command side to
 * open alerts when a reading breaches a clinical rule.
 */
package org.hospital.alerting;
