/**
 * Rebuilding the read models from the domain-event topic: reset and replay of the projections' processor, with
 * progress, a clear 503 on the views being rebuilt, and the same operation at start-up.
 */
package org.hospital.query.audit.rebuild;
