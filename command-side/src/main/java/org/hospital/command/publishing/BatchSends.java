package org.hospital.command.publishing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka sends made while a tracking processor handles a batch go out together and are awaited once, when the batch
 * prepares to commit its token: a failed or unacknowledged send throws, the batch is retried, and no record is lost
 * (a retry may repeat records on the domain-event topic, whose consumers are idempotent; the integration topics skip
 * what they already hold). Waiting for each record before sending the next would cost a
 * producer linger and a broker round trip per event, a ceiling of a few hundred events a second.
 */
final class BatchSends {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final String PENDING_SENDS = BatchSends.class.getName() + ".pending";

    private BatchSends() {
    }

    /** Sends the record; awaits it with the rest of the batch, or at once outside a unit of work. */
    static void send(KafkaTemplate<String, byte[]> kafka, ProducerRecord<String, byte[]> record) {
        if (CurrentUnitOfWork.isStarted()) {
            List<CompletableFuture<?>> pending = pending(CurrentUnitOfWork.get());
            if (pending.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
                // A send of the batch failed: fail the batch now instead of sending (and, with the broker gone,
                // blocking for each of) the rest.
                await(pending);
            }
            pending.add(kafka.send(record));
        } else {
            await(List.of(kafka.send(record)));
        }
    }

    /**
     * One list per unit of work (a batch), awaited when the batch prepares to commit its token. A batch that rolls
     * back first lets its sends finish (the producer gives a record up within seconds): the processor then releases
     * its claim, and another instance that takes it over must not see this one's records land after its own.
     */
    private static List<CompletableFuture<?>> pending(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            root.onPrepareCommit(u -> await(sends));
            root.onRollback(u -> settle(sends));
            return sends;
        });
    }

    /** Waits until every send has succeeded or failed, whichever; bounded by the acknowledgement timeout. */
    private static void settle(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).handle((done, failure) -> null)
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Nothing more to wait for here; the rollback goes on.
        }
    }

    private static void await(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishingFailed(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishingFailed(e);
        }
    }

    /** Kafka did not acknowledge a record; the processor retries the batch. */
    static final class PublishingFailed extends RuntimeException {

        PublishingFailed(Throwable cause) {
            super("Kafka did not acknowledge a record", cause);
        }
    }
}
