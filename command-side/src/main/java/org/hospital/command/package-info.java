/**
 * The write side: REST commands, sign-in and device keys, the event-sourced aggregates, and the publishing of stored
 * events to Kafka.
 */
package org.hospital.command;
