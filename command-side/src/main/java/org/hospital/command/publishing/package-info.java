/** How stored events leave the command side: every event to the domain topic, contract records to the plain topics. */
package org.hospital.command.publishing;
