package org.hospital.query.deadletter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hospital.platform.messaging.TransientFailure;
import org.hospital.query.batch.ProjectionWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Undoes a failed event's projection writes to a savepoint taken before it, so that the event can be parked in the
 * processor's own transaction ({@link #handle} for retried dead letters and the one-at-a-time retry of a failed batch,
 * {@link #onError} for live events). Savepoints are taken only after a failure, for the reasons in
 * docs/architecture.md, Poison events.
 */
final class EventSavepoints implements MessageHandlerInterceptor<EventMessage<?>>, ListenerInvocationErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(EventSavepoints.class);

    private final DataSource dataSource;
    private final ProjectionWrites writes;
    private final ThreadLocal<Savepoint> current = new ThreadLocal<>();

    EventSavepoints(DataSource dataSource, ProjectionWrites writes) {
        this.dataSource = dataSource;
        this.writes = writes;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        boolean retriedDeadLetter = unitOfWork.resources().containsKey(DeadLetter.class.getName());
        boolean careful = writes.oneByOne();
        if (!(careful || retriedDeadLetter) || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return interceptorChain.proceed();
        }
        if (!retriedDeadLetter) {
            unitOfWork.afterCommit(committed -> writes.combineAgain());
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint previous = current.get();
        try {
            Savepoint savepoint = connection.setSavepoint();
            current.set(savepoint);
            Object result;
            try {
                result = interceptorChain.proceed();
            } catch (Exception | Error failure) {
                // A retried dead letter fails here (its handlers are called without the error handler): undo its
                // writes so that its requeueing can still be written. A live event's failure never gets here, the
                // dead-lettering invoker has judged it already; what does is a failure that fails the batch anyway.
                try {
                    connection.rollback(savepoint);
                } catch (SQLException rollbackFailure) {
                    failure.addSuppressed(rollbackFailure);
                }
                throw failure;
            }
            connection.releaseSavepoint(savepoint);
            return result;
        } finally {
            current.set(previous);
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A projection failed on a live event: undo everything done for it, then let the failure go on to be judged. */
    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler)
            throws Exception {
        Savepoint savepoint = current.get();
        if (savepoint == null) {
            if (DeadLetterPolicy.isTransient(exception)) {
                throw exception;
            }
            writes.writeOneByOne();
            log.warn("Event {} {} failed in a batch without savepoints: retrying the batch with a savepoint per event, "
                    + "to park the event if it fails again", event.getPayloadType().getSimpleName(),
                    event.getIdentifier());
            throw new TransientFailure("Retrying the batch with a savepoint per event", exception);
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.rollback(savepoint);
        } catch (SQLException rollbackFailure) {
            // The connection itself is in trouble: the transaction can only be retried as a whole.
            TransientFailure failure = new TransientFailure("Could not undo a failed event's writes",
                    rollbackFailure);
            failure.addSuppressed(exception);
            throw failure;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        throw exception;
    }
}
