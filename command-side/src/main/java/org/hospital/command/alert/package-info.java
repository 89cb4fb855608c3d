/** Alerts: opened from the alerting saga's RaiseAlert requests (effectively once), acknowledged and resolved by clinicians. */
package org.hospital.command.alert;
