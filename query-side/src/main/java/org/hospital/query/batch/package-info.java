/**
 * How the projections write the rows of the hot path (every reading): collected during a processor batch and written
 * with one statement per table right before the batch commits, or one by one while the dead-letter queue needs each
 * event's writes apart.
 */
package org.hospital.query.batch;
