/** Encounters: admission into a free room (never double-booked), transfer, discharge, and the readings recorded on them. */
package org.hospital.command.encounter;
