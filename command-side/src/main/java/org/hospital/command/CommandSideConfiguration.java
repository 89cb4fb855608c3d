package org.hospital.command;

import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.hospital.platform.PlatformConfiguration;
import org.hospital.platform.schema.SchemaMigration;
import org.hospital.platform.sides.ConditionalOnSide;
import org.hospital.platform.sides.Side;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The command side's root: its tables, its event processors and the audit metadata put on every command. Active
 * when {@code hospital.sides} names {@code command}.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnSide(Side.COMMAND)
@ComponentScan
@Import(PlatformConfiguration.class)
public class CommandSideConfiguration {

    /** Keeps the command side's lookup tables in step with the events, inside the command's own transaction. */
    public static final String LOOKUPS = "command-lookups";

    /** Writes the plain contract records of docs/api.md, Kafka topics ({@code vitals_stream}, {@code alerts}). */
    public static final String INTEGRATION_TOPICS = "integration-topics";

    @Bean
    SchemaMigration commandSchema(DataSource dataSource) {
        return SchemaMigration.apply(dataSource, "command");
    }

    /**
     * Aggregates find their target through {@code @TargetAggregateIdentifier}; the encounter and the alert name their
     * own resolver as well, for the alerting saga's requests (published-language records without the annotation).
     */
    @Bean
    @Primary
    CommandTargetResolver annotatedTargets() {
        return AnnotationCommandTargetResolver.builder().build();
    }

    /**
     * Keeps loaded encounters and alerts in memory, so a reading does not replay the encounter's whole history from
     * the event store: room for every bed of a large hospital and its open alerts, each kept for an hour after its
     * last use. A unit of work that fails (for example because another instance appended first) evicts its
     * aggregate, so the retry reads the store.
     */
    @Bean
    Cache aggregateCache() {
        return new BoundedCache(20_000, Duration.ofHours(1));
    }

    /**
     * Hashes carry their algorithm (<code>{bcrypt}$2a$...</code>), so that a stronger one can be introduced later
     * without a migration (docs/security.md, Passwords). Hashes stored without it are BCrypt; they still match, and
     * are rewritten with the prefix at their owner's next sign-in.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        DelegatingPasswordEncoder encoder =
                (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        encoder.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder());
        return encoder;
    }

    /**
     * The lookups run in a subscribing processor so that a failed lookup write (a room number taken twice) rolls the
     * event back with it; errors propagate instead of being logged and skipped. (The integration topics' processor
     * is registered by the publishing package.)
     */
    @Bean
    ConfigurerModule commandSideProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(LOOKUPS)
                .registerListenerInvocationErrorHandler(LOOKUPS, c -> PropagatingErrorHandler.instance()));
    }

    /**
     * Registered on the bus itself rather than as a gateway interceptor bean, so that every command is stamped
     * whichever way it is dispatched.
     */
    @Bean
    SmartInitializingSingleton commandMetadataRegistration(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new CommandMetadataInterceptor());
    }
}
