/** The hospital's register as the read side knows it: patients, doctors, nurses and rooms. */
package org.hospital.query.registry;
