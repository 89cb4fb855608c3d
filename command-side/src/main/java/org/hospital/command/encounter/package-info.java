/**
 * Encounters: admission into a free room (never double-booked), transfer, discharge, the readings recorded on them,
 * their NEWS2 SpO2 scale and their latest NEWS2 score.
 */
package org.hospital.command.encounter;
