/** Encounters (admission to discharge): the doctor's patient list, a patient's current stay, the overview. */
package org.hospital.query.encounter;
