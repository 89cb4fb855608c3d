package org.hospital.command.alert;

import java.time.Clock;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.hospital.events.RaiseAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The alerting saga's request to open an alert, at most once per alert key: the key's row (a guard over every
 * alert, so this handler is not on the aggregate) and the {@code AlertRaised} event are written in the same database
 * transaction (Axon's transaction around the command), so a redelivered request either finds the key (and is
 * ignored) or finds nothing at all. Repeats and escalations are handled, idempotently, by the aggregate itself.
 */
@Component
class AlertRequests {

    private static final Logger log = LoggerFactory.getLogger(AlertRequests.class);

    private final AlertKeys keys;
    private final Repository<Alert> alerts;
    private final Clock clock;

    AlertRequests(AlertKeys keys, Repository<Alert> alerts, Clock clock) {
        this.keys = keys;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Returns the new alert's id, or empty when the key was seen before (a duplicate request). */
    @CommandHandler
    Optional<Long> handle(RaiseAlert request) throws Exception {
        Optional<Long> allocated = keys.allocate(request.alertKey());
        if (allocated.isEmpty()) {
            log.debug("Ignoring duplicate RaiseAlert for key {}", request.alertKey());
            return Optional.empty();
        }
        long alertId = allocated.get();
        alerts.newInstance(() -> new Alert(alertId, request, clock.instant()));
        return allocated;
    }
}
