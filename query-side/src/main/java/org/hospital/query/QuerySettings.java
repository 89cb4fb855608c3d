package org.hospital.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The query side's settings ({@code hospital.query.*}).
 *
 * @param readYourWritesTimeout how long a read with {@code min_position} waits for the projections at most
 * @param readYourWritesPollInterval how often such a read looks again when no local commit woke it earlier (another
 *                                   instance may be the one projecting the encounter)
 * @param alertStream the live alert stream ({@code GET /alerts/stream})
 * @param deadLetters the dead-letter queue of the projections ({@code GET /admin/dead-letters}; the alerting saga's
 *                    parked events are the alerting side's)
 */
@ConfigurationProperties("hospital.query")
public record QuerySettings(@DefaultValue("PT2S") Duration readYourWritesTimeout,
                            @DefaultValue("PT0.02S") Duration readYourWritesPollInterval,
                            @DefaultValue AlertStream alertStream,
                            @DefaultValue DeadLetters deadLetters) {

    /**
     * @param heartbeat interval of the comment lines that keep an idle connection (and proxies) open
     * @param maxStreamsPerUser open streams one user may hold in one instance; more are refused with 429
     * @param retryAfter what a refused client is told to wait before trying again
     * @param maxDuration a stream ends after this long and the client reconnects with {@code Last-Event-ID}: by
     *                    default one access-token lifetime, so a deactivated user stops receiving in that time
     * @param pollInterval how often the table of changes is read when no local commit announced a change (changes
     *                     projected by another instance)
     * @param queueCapacity changes buffered for a slow client; beyond it the client is served from the table again
     */
    public record AlertStream(@DefaultValue("PT15S") Duration heartbeat,
                              @DefaultValue("3") int maxStreamsPerUser,
                              @DefaultValue("PT5S") Duration retryAfter,
                              @DefaultValue("PT15M") Duration maxDuration,
                              @DefaultValue("PT0.25S") Duration pollInterval,
                              @DefaultValue("1000") int queueCapacity) {
    }

    /**
     * @param maxSequences encounters (sequences) that may be parked at once; one more stops the processor with an
     *                     error rather than dropping anything
     * @param maxSequenceSize events one parked encounter may hold (its failed event and everything behind it)
     * @param claimDuration how long a retry holds a sequence before another instance may process it
     */
    public record DeadLetters(@DefaultValue("1024") int maxSequences,
                              @DefaultValue("100000") int maxSequenceSize,
                              @DefaultValue("PT30S") Duration claimDuration) {
    }
}
