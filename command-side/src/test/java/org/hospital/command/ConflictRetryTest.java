package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hospital.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {

    record Ping() {
    }

    private final AtomicInteger calls = new AtomicInteger();

    private CommandGateway gatewayFailingWith(RuntimeException failure, int failures) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(Ping.class.getName(), message -> {
            if (calls.incrementAndGet() <= failures) {
                throw failure;
            }
            return "stored";
        });
        return DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @Test
    void sendsAgainWhenAnotherWriterAppendedFirst() {
        CommandGateway gateway = gatewayFailingWith(new ConcurrencyException("sequence taken"), 2);
        assertThat(ConflictRetry.<String>sendAndWait(gateway, new Ping())).isEqualTo("stored");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterTheLastAttemptWithARefusalTheCallerMayRetry() {
        CommandGateway gateway = gatewayFailingWith(new ConcurrencyException("sequence taken"), 100);
        assertThatThrownBy(() -> ConflictRetry.sendAndWait(gateway, new Ping()))
                .isInstanceOfSatisfying(ConflictRetry.KeptConflicting.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(refusal.retryAfter()).isPresent();
                });
        assertThat(calls).hasValue(ConflictRetry.ATTEMPTS);
    }

    @Test
    void neverRetriesCreatingAnAggregateTwiceOrOtherFailures() {
        CommandGateway creation = gatewayFailingWith(new AggregateStreamCreationException("exists"), 100);
        assertThatThrownBy(() -> ConflictRetry.sendAndWait(creation, new Ping()))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(calls).hasValue(1);
        calls.set(0);
        CommandGateway other = gatewayFailingWith(new IllegalStateException("broken"), 100);
        assertThatThrownBy(() -> ConflictRetry.sendAndWait(other, new Ping()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void sendsAgainWhenPostgresChoseTheTransactionAsADeadlockVictim() {
        CommandGateway gateway = gatewayFailingWith(
                new IllegalStateException("append failed", new SQLException("deadlock detected", "40P01")), 1);
        assertThat(ConflictRetry.<String>sendAndWait(gateway, new Ping())).isEqualTo("stored");
        assertThat(calls).hasValue(2);
    }

    @Test
    void passesOnADatabaseFailureWithoutSqlStateAsItIs() {
        RuntimeException unavailable = new IllegalStateException("pool",
                new SQLTransientConnectionException("Connection is not available, request timed out"));
        CommandGateway gateway = gatewayFailingWith(unavailable, 100);
        assertThatThrownBy(() -> ConflictRetry.sendAndWait(gateway, new Ping())).isSameAs(unavailable);
        assertThat(calls).hasValue(1);
    }
}
