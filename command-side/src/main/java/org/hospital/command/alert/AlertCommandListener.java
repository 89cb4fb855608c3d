package org.hospital.command.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hospital.events.AlertCommand;
import org.hospital.events.EscalateAlert;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes the alerting saga's requests ({@link AlertCommand}: raise, repeat, escalate, NEWS2 score) and dispatches
 * each to its aggregate. The offsets of a poll are committed only after its requests' events (or the finding that
 * they change nothing) are stored; a failure is retried by {@link AlertCommandConsumption}'s error handler, and a
 * request that can never succeed goes to the dead-letter topic, never silently skipped.
 * <p>
 * <b>A poll's requests in one transaction.</b> One transaction (and one disk flush) and one offset commit per request
 * held this consumer to about 80 requests a second, fewer than the saga sends when it works off a backlog. So the
 * requests of a poll are handled in one unit of work: each command in a unit of work nested in it, the events of all
 * appended together, one commit. Aggregates are taken in a fixed order (encounters by id, then alerts by id; each
 * aggregate's requests keep their order), the order in which readings take encounters, so two transactions never wait
 * for each other in a cycle. If any request of the poll fails, the whole transaction rolls back (nested units of work
 * roll back with it, so no cached aggregate keeps a change that was not stored) and the poll is handled again one
 * request per transaction, so that the request that fails is retried or dead-lettered alone and the others are
 * stored. Every request is idempotent by its own key, so handling one twice has one effect.
 */
@Component
class AlertCommandListener {

    static final String GROUP_ID = "command-side-alert-commands";

    /**
     * Requests per poll, and so per transaction: the encounters a transaction scores stay locked until it commits, and
     * readings for them wait that long. 50 keep a transaction to a few milliseconds and still take a thousand
     * requests a second.
     */
    static final int MAX_REQUESTS_PER_TRANSACTION = 50;

    private static final Logger log = LoggerFactory.getLogger(AlertCommandListener.class);
    private static final Comparator<AlertCommand> LOCK_ORDER = Comparator.comparing(Target::of,
            Comparator.comparingInt(Target::rank).thenComparingLong(Target::id));

    private final CommandGateway commands;
    private final TransactionManager transactions;
    /** The record the last request-by-request pass failed on: its retry goes straight to one request at a time. */
    private volatile String failedRecord;

    AlertCommandListener(CommandGateway commands, TransactionManager transactions) {
        this.commands = commands;
        this.transactions = transactions;
    }

    /**
     * A dead instance's partitions pass to another after a 10 s session instead of Kafka's default 45 s: alerts wait
     * on them. (Set on the listener: a container factory's consumer properties are not passed to its containers.)
     */
    @KafkaListener(id = GROUP_ID, groupId = GROUP_ID, topics = Topics.ALERT_COMMANDS,
            containerFactory = AlertCommandConsumption.CONTAINER_FACTORY,
            properties = {"session.timeout.ms=10000", "heartbeat.interval.ms=3000",
                    "max.poll.records=" + MAX_REQUESTS_PER_TRANSACTION})
    void on(List<ConsumerRecord<String, byte[]>> records) {
        if (records.size() > 1 && !positionOf(records.getFirst()).equals(failedRecord)
                && handledTogether(records)) {
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                handle(AlertCommandReader.read(records.get(i)));
            } catch (RuntimeException e) {
                // The error handler commits the offsets before this record and retries (or dead-letters) from it.
                failedRecord = positionOf(records.get(i));
                throw new BatchListenerFailedException("Alert request failed", e, i);
            }
        }
    }

    private static String positionOf(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** All requests of the poll in one transaction; false (nothing stored) if any of them cannot be handled. */
    private boolean handledTogether(List<ConsumerRecord<String, byte[]>> records) {
        List<AlertCommand> requests = new ArrayList<>(records.size());
        try {
            records.forEach(record -> requests.add(AlertCommandReader.read(record)));
        } catch (InvalidAlertCommand e) {
            return false;
        }
        requests.sort(LOCK_ORDER);
        UnitOfWork<?> poll = DefaultUnitOfWork.startAndGet(new GenericMessage<>(requests));
        try {
            poll.attachTransaction(transactions);
        } catch (RuntimeException e) {
            poll.rollback(e);
            return false;
        }
        ResultMessage<?> result = poll.executeWithResult(() -> {
            requests.forEach(this::handle);
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            log.debug("A poll of {} alert requests failed together; handling them one by one",
                    requests.size(), result.exceptionResult());
            return false;
        }
        return true;
    }

    private void handle(AlertCommand command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            // Alerts and encounters exist before the saga can name them (it learns their ids from their events),
            // so an unknown one is a defect, not a delay: retrying would only block the partition.
            throw new InvalidAlertCommand(command.getClass().getSimpleName() + " names an unknown "
                    + Target.of(command).kind(), e);
        }
    }

    /**
     * The aggregate a request changes, ranked in lock order: encounters first, by id; then alerts, by id; a new alert
     * last (its aggregate does not exist yet).
     */
    private record Target(String kind, int rank, long id) {

        static Target of(AlertCommand command) {
            return switch (command) {
                case RecordNews2Score score -> new Target("encounter", 0, score.encounterId());
                case RecordAlertRepeat repeat -> new Target("alert", 1, repeat.alertId());
                case EscalateAlert escalate -> new Target("alert", 1, escalate.alertId());
                case RaiseAlert raise -> new Target("alert", 1, Long.MAX_VALUE);
            };
        }
    }
}
