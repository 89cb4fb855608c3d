package org.hospital.query.audit.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessChainTest {

    private static final AccessEntry ENTRY = new AccessEntry(Instant.parse("2023-10-27T10:00:00.123456Z"), 2L,
            "doctor", null, 1L, 10L, "GET /encounters/{encounter_id}/overview", 200, "req-1");

    @Test
    void hashesTheSameEntryTheSameWay() {
        assertThat(AccessChain.hash(AccessChain.GENESIS, 1, ENTRY)).hasSize(64)
                .isEqualTo(AccessChain.hash(AccessChain.GENESIS, 1, ENTRY));
    }

    @Test
    void changesTheHashWhenAnyFieldThePreviousHashOrTheIdChanges() {
        String original = AccessChain.hash(AccessChain.GENESIS, 1, ENTRY);

        assertThat(AccessChain.hash(AccessChain.GENESIS, 2, ENTRY)).isNotEqualTo(original);
        assertThat(AccessChain.hash("1".repeat(64), 1, ENTRY)).isNotEqualTo(original);
        assertThat(AccessChain.hash(AccessChain.GENESIS, 1, new AccessEntry(ENTRY.occurredAt(), 3L, "doctor", null,
                1L, 10L, ENTRY.action(), 200, "req-1"))).isNotEqualTo(original);
        assertThat(AccessChain.hash(AccessChain.GENESIS, 1, new AccessEntry(ENTRY.occurredAt(), 2L, "doctor", null,
                1L, 10L, ENTRY.action(), 404, "req-1"))).isNotEqualTo(original);
    }

    @Test
    void cannotBeFooledByMovingTextBetweenFields() {
        AccessEntry a = new AccessEntry(ENTRY.occurredAt(), 2L, "doctor", null, 1L, 10L, "GET /a", 200, "b;c");
        AccessEntry b = new AccessEntry(ENTRY.occurredAt(), 2L, "doctor", null, 1L, 10L, "GET /a;b", 200, "c");

        assertThat(AccessChain.canonical(1, a)).isNotEqualTo(AccessChain.canonical(1, b));
    }

    @Test
    void tellsAMissingValueFromAnEmptyOne() {
        AccessEntry withoutRequestId = new AccessEntry(ENTRY.occurredAt(), 2L, "doctor", null, 1L, 10L, "GET /a",
                200, null);
        AccessEntry emptyRequestId = new AccessEntry(ENTRY.occurredAt(), 2L, "doctor", null, 1L, 10L, "GET /a", 200,
                "");

        assertThat(AccessChain.canonical(1, withoutRequestId)).isNotEqualTo(AccessChain.canonical(1, emptyRequestId));
    }
}
