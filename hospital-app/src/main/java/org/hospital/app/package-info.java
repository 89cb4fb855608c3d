/**
 * The production assembly: the three sides in one JVM on one port (or any subset, by {@code hospital.sides}), against
 * the PostgreSQL and Kafka the environment names. It carries no embedded server; the one-command run
 * ({@code hospital-local}) adds them.
 */
package org.hospital.app;
