package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a trusted proxy (here: every connection comes from it, 127.0.0.1), the client's address is the last one the
 * proxy added to {@code X-Forwarded-For}: the audit trail records the workstation, and the sign-in throttle counts
 * failures per workstation, so one workstation's failures do not lock the proxy's other clients out.
 */
@TestPropertySource(properties = "hospital.trusted-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1")
class TrustedProxyTest extends CommandSideHttpTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theAuditTrailRecordsTheAddressTheTrustedProxyForwarded() {
        assertThat(auditedAddressOfADeviceIssuedWith(jdbc, Map.of("X-Forwarded-For", "203.0.113.9")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void failedSignInsAreCountedPerForwardedAddress() {
        Map<String, String> workstation = Map.of("X-Forwarded-For", "198.51.100.20");
        int status = 0;
        for (int attempt = 0; attempt < 40 && status != 429; attempt++) {
            status = send("POST", "/auth/login", null, Map.of("username", unique("nobody"), "password", "wrong"),
                    workstation).status();
        }
        assertThat(status).as("one workstation's failures are throttled").isEqualTo(429);

        Reply elsewhere = send("POST", "/auth/login", null, Map.of("username", "nurse_joy", "password", "password"),
                Map.of("X-Forwarded-For", "198.51.100.21"));
        assertThat(elsewhere.status()).as("another workstation behind the same proxy signs in").isEqualTo(200);
    }
}
