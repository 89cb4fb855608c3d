/** Vital-sign readings as clinicians read them: every reading of a patient and the latest of each encounter. */
package org.hospital.query.vitals;
