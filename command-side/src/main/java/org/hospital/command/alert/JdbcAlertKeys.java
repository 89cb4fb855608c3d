package org.hospital.command.alert;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link AlertKeys} on {@code alert_keys}. Runs in the command's transaction: if the alert's event is not stored, the
 * key is not either. A concurrent insert of the same key waits for the other transaction, then sees the conflict.
 */
@Component
class JdbcAlertKeys implements AlertKeys {

    private final JdbcTemplate jdbc;

    JdbcAlertKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Long> allocate(String alertKey) {
        return jdbc.queryForList(
                "INSERT INTO alert_keys (alert_key) VALUES (?) ON CONFLICT (alert_key) DO NOTHING RETURNING alert_id",
                Long.class, alertKey).stream().findFirst();
    }
}
