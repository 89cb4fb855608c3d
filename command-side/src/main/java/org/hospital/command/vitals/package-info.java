/** Vital-sign ingestion from bedside devices and nurses: plausibility checks, then one reading stored per request. */
package org.hospital.command.vitals;
