package org.hospital.query.audit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessChainTest {

    private static final AccessChain CHAIN = new AccessChain("a-key-of-the-access-log-for-tests-0123".getBytes());

    private static final AccessEntry ENTRY = new AccessEntry(Instant.parse("2023-10-27T10:00:00.123456Z"), 2L,
            "doctor", null, 1L, 10L, "GET /encounters/{encounter_id}/overview", 200, "req-1");

    @Test
    void hashesTheSameEntryTheSameWay() {
        assertThat(CHAIN.hash(AccessChain.GENESIS, 1, ENTRY)).hasSize(64)
                .isEqualTo(CHAIN.hash(AccessChain.GENESIS, 1, ENTRY));
    }

    @Test
    void changesTheHashWhenAnyFieldThePreviousHashOrTheIdChanges() {
        String original = CHAIN.hash(AccessChain.GENESIS, 1, ENTRY);

        assertThat(CHAIN.hash(AccessChain.GENESIS, 2, ENTRY)).isNotEqualTo(original);
        assertThat(CHAIN.hash("1".repeat(64), 1, ENTRY)).isNotEqualTo(original);
        assertThat(CHAIN.hash(AccessChain.GENESIS, 1, new AccessEntry(ENTRY.occurredAt(), 3L, "doctor", null,
                1L, 10L, ENTRY.action(), 200, "req-1"))).isNotEqualTo(original);
        assertThat(CHAIN.hash(AccessChain.GENESIS, 1, new AccessEntry(ENTRY.occurredAt(), 2L, "doctor", null,
                1L, 10L, ENTRY.action(), 404, "req-1"))).isNotEqualTo(original);
    }

    @Test
    void dependsOnTheKeySoThatNobodyWithoutItCanRewriteTheChain() {
        AccessChain otherKey = new AccessChain("another-key-of-the-access-log-0123456789".getBytes());

        assertThat(otherKey.hash(AccessChain.GENESIS, 1, ENTRY)).isNotEqualTo(CHAIN.hash(AccessChain.GENESIS, 1, ENTRY));
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new AccessChain(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQuerySideDoesNotStartWithoutAKeyOfItsOwnAndSaysWhatToSet() {
        assertThatThrownBy(() -> AccessLogConfiguration.accessChain("")).hasMessageContaining("HOSPITAL_ACCESS_LOG_KEY");
        assertThatThrownBy(() -> AccessLogConfiguration.accessChain("short")).hasMessageContaining("32+ bytes");
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
