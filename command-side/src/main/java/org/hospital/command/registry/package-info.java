/** The hospital's register: patients, doctors, nurses and rooms, event-sourced, with lookup rows for reference checks. */
package org.hospital.command.registry;
