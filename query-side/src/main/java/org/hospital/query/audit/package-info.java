/**
 * Audit and time travel (issue 5): the encounter's full history and its state at any instant, the rebuild of the
 * read models from the events, the hash-chained log of who read which patient, and the safe evolution of events.
 */
package org.hospital.query.audit;
