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
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes each event's projection writes all-or-nothing inside the processor's batch transaction: a savepoint before
 * the event is handled ({@link #handle}, a processor interceptor, which Axon also applies when parked events are
 * retried) and a rollback to it when a projection fails on it ({@link #onError} for live events, before the failure
 * reaches the dead-letter queue; {@link #handle} itself for retried ones).
 * <p>
 * Without it a failed SQL statement leaves PostgreSQL's transaction aborted: parking the event (an insert in the same
 * transaction) would fail too, the batch would roll back and be retried forever, which is exactly what the
 * dead-letter queue is there to prevent; and the projections that had already handled the poison event would keep
 * half of its effects.
 */
final class EventSavepoints implements MessageHandlerInterceptor<EventMessage<?>>, ListenerInvocationErrorHandler {

    private final DataSource dataSource;
    private final ThreadLocal<Savepoint> current = new ThreadLocal<>();

    EventSavepoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return interceptorChain.proceed();
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

    /** A projection failed on the event: undo everything done for it, then let the failure go on to be judged. */
    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler)
            throws Exception {
        Savepoint savepoint = current.get();
        if (savepoint != null) {
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
        }
        throw exception;
    }
}
