/**
 * Plumbing every side of the hospital backend shares: the error envelope and request logging, token checks and the
 * security filter chain, JSON settings, the Axon-to-Kafka wiring and schema migrations. No business rules live here.
 */
package org.hospital.platform;
