/** Every encounter event with who caused it, and the encounter's state at any instant replayed from them. */
package org.hospital.query.audit.history;
