/**
 * Who read which patient's data: every read of a patient view appends an entry to a hash-chained, append-only log,
 * written off the request thread; auditors list a patient's entries and verify the chain.
 */
package org.hospital.query.audit.access;
