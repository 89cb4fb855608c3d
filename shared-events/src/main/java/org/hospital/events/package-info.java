/**
 * The published language of the hospital backend: the events every side exchanges through the event store and
 * Kafka, the messages that cross process boundaries, and the topic names. Plain records, no framework: other
 * systems may read these shapes as JSON (snake_case) and they are never changed incompatibly once released.
 */
package org.hospital.events;
