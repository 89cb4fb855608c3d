/**
 * Starts a real PostgreSQL and a real single-node Kafka broker from plain Java, for the one-command run of the
 * application and for integration tests, so neither needs Docker nor a separately installed server.
 */
package org.hospital.infra;
