package org.hospital.alerting.saga;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.hospital.alerting.AlertingSettings;
import org.hospital.platform.schema.SchemaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Durable deadlines: Axon's {@link DbSchedulerDeadlineManager} on db-scheduler, whose table ({@code scheduled_tasks},
 * migration set {@code db/alerting}) lives in the side's PostgreSQL. Deadlines therefore survive a restart, and any
 * instance of the alerting side runs a due one.
 * <p>
 * The scheduler reaches the database through a {@link TransactionAwareDataSourceProxy} (as db-scheduler's own Spring
 * Boot starter does): a deadline scheduled or cancelled by a saga handler is written in the processor's transaction,
 * with the saga state and the Kafka position, so a rolled-back batch leaves no stray deadline and a redelivered
 * event schedules none twice.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadlineConfiguration.class);

    /**
     * Axon's deadline task, under its own name, with a failure handler that retries soon: a deadline that failed
     * (Kafka unreachable, processor catching up) is an escalation or an overdue alert waiting, and db-scheduler's
     * default would wait five minutes.
     */
    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, SchemaMigration alertingSchema, AlertingSettings settings,
                                ObjectProvider<DbSchedulerDeadlineManager> deadlineManager) {
        Task<DbSchedulerBinaryDeadlineDetails> axonTask = DbSchedulerDeadlineManager.binaryTask(
                deadlineManager::getObject);
        Task<DbSchedulerBinaryDeadlineDetails> task = Tasks
                .oneTime(axonTask.getName(), DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new RetrySoon<>(settings.deadlines().retryAfter(), settings.deadlines().maxRetryAfter()))
                .execute((instance, context) -> axonTask.execute(instance, context));
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(task))
                .pollingInterval(settings.deadlines().pollingInterval())
                .heartbeatInterval(settings.deadlines().heartbeat())
                .threads(settings.deadlines().threads())
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler deadlineScheduler, @Lazy Configuration axon,
                                               @Qualifier("serializer") Serializer serializer,
                                               TransactionManager axonTransactionManager) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(axonTransactionManager)
                // Started and stopped by DeadlineSchedulerLifecycle, in step with Axon.
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    @Bean
    DeadlineSchedulerLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new DeadlineSchedulerLifecycle(deadlineScheduler);
    }

    /**
     * Starts the scheduler after Axon (a deadline needs the saga's manager running) and stops it before Axon stops.
     */
    static final class DeadlineSchedulerLifecycle implements SmartLifecycle {

        private final Scheduler scheduler;
        private volatile boolean running;

        DeadlineSchedulerLifecycle(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void start() {
            scheduler.start();
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            scheduler.stop();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
        }
    }

    /** Retries after {@code first}, doubling up to {@code max}; never gives up on a clinical deadline. */
    static final class RetrySoon<T> implements FailureHandler<T> {

        private final Duration first;
        private final Duration max;

        RetrySoon(Duration first, Duration max) {
            this.first = first;
            this.max = max;
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
            int failures = Math.max(0, complete.getExecution().consecutiveFailures);
            Duration wait = delay(failures);
            log.warn("Deadline {} failed ({} earlier failures); retrying in {}",
                    complete.getExecution().getId(), failures, wait);
            operations.reschedule(complete, complete.getTimeDone().plus(wait));
        }

        Duration delay(int earlierFailures) {
            Duration wait = first;
            for (int i = 0; i < earlierFailures && wait.compareTo(max) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(max) > 0 ? max : wait;
        }
    }
}
