/**
 * The clinical alert rules as pure functions of one reading's values: no Spring, no Axon, no clock, so that every
 * threshold is proven by a table test.
 */
package org.hospital.alerting.rules;
