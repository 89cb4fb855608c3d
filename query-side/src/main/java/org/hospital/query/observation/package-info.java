/** Clinicians' observation notes per encounter. */
package org.hospital.query.observation;
