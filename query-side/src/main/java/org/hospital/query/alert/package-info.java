/** Alerts of an encounter and their lifecycle (open, acknowledged, resolved). */
package org.hospital.query.alert;
