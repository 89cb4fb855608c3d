package org.hospital.alerting.deadletter;

import java.time.Clock;
import java.util.List;
import org.hospital.platform.web.ApiResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/alerting/dead-letters} lists the saga's parked events (admins, auditors);
 * {@code POST /admin/alerting/dead-letters/retry} marks them, all or one sequence's (an encounter id), for
 * {@link SagaRetry} (admins). Served by the side that owns {@code saga_dead_letter}, so the table and its processing
 * group stay this side's own (docs/api.md, Dead letters).
 */
@RestController
class SagaDeadLettersController {

    private static final int MAX_LIMIT = 1000;

    private final SagaDeadLetterStore parked;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    SagaDeadLettersController(SagaDeadLetterStore store, PlatformTransactionManager transactions,
                              Clock clock) {
        this.parked = store;
        // One snapshot for the list and its counts, so the totals never contradict the events listed.
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
    }

    @GetMapping("/admin/alerting/dead-letters")
    ApiResponse<SagaDeadLetterList> list(@RequestParam(name = "limit", defaultValue = "100") int limit) {
        int max = Math.clamp(limit, 1, MAX_LIMIT);
        return ApiResponse.success(snapshot.execute(status -> {
            List<SagaDeadLetterView> events = parked.deadLetters(max + 1);
            boolean truncated = events.size() > max;
            return new SagaDeadLetterList(parked.amountOfSequences(), parked.size(), truncated,
                    truncated ? events.subList(0, max) : events);
        }));
    }

    /**
     * Answers once the rows are marked, before the retry: the saga handles them in its own transactions, one event at
     * a time, which an HTTP request should not wait for. A named sequence with nothing parked marks nothing and
     * answers {@code sequences_requested: 0}, as the projections' retry does.
     */
    @PostMapping("/admin/alerting/dead-letters/retry")
    ApiResponse<SagaRetryRequested> retry(@RequestParam(name = "sequence", required = false) String sequence) {
        int requested = parked.requestRetry(sequence, clock.instant());
        return ApiResponse.success(new SagaRetryRequested(requested, parked.size()));
    }
}
