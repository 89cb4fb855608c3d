/**
 * The runnable assembly: the three sides in one JVM on one port (or any subset, by {@code hospital.sides}), with a
 * real embedded PostgreSQL and Kafka broker when no external ones are configured.
 */
package org.hospital.app;
