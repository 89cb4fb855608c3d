/** Vital-sign ingestion from bedside devices and nurses: plausibility checks, single readings and batches, each stored once. */
package org.hospital.command.vitals;
