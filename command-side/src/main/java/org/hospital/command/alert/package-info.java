/**
 * Alerts: opened from the alerting saga's requests (effectively once), counted on repeated breaches, escalated while
 * unacknowledged, acknowledged and resolved by clinicians.
 */
package org.hospital.command.alert;
