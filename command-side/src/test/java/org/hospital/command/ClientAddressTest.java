package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which address the sign-in throttle and the audit trail see: with no trusted proxy configured (the default), the
 * connection's peer, whatever {@code X-Forwarded-For} a client sends.
 */
class ClientAddressTest extends CommandSideHttpTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aClientCannotChooseItsAddressWithXForwardedForWhenNoProxyIsTrusted() {
        assertThat(auditedAddressOfADeviceIssuedWith(jdbc, Map.of("X-Forwarded-For", "203.0.113.9")))
                .isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }
}
