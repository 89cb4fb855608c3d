/**
 * Read-your-writes: the event-store position each encounter's projection has reached, and reads that wait (bounded)
 * until it covers the position a client's write was answered with.
 */
package org.hospital.query.consistency;
