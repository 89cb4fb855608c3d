/** Clinicians' observation notes on an active encounter, authored by the signed-in user. */
package org.hospital.command.observation;
