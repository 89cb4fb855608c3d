/** The one-command run: the production assembly plus embedded PostgreSQL and Kafka when none are configured. */
package org.hospital.local;
