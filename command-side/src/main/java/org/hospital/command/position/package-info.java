/** Read-your-writes: the event-store position of what a request appended, returned in {@code X-Event-Position}. */
package org.hospital.command.position;
