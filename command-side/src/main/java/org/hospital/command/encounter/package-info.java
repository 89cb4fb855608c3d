/**
 * Encounters: admission into a free room (never double-booked), transfer, discharge, whether a reading may be
 * recorded on them ({@link org.hospital.command.encounter.NewReading}; the vitals package stores it), their NEWS2
 * SpO2 scale and their latest NEWS2 score.
 */
package org.hospital.command.encounter;
