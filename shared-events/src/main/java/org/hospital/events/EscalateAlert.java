package org.hospital.events;

/**
 * An alert was not acknowledged within its severity's deadline. {@code level} counts escalations of this alert
 * (1 for the first); an escalation to a level already reached changes nothing.
 */
public record EscalateAlert(long alertId, long encounterId, int level) implements AlertCommand {
}
