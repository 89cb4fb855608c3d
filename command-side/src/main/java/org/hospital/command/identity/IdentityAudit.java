package org.hospital.command.identity;

import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.web.RequestIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only trail of user and device management ({@code identity_audit}): who did what to which account or
 * device, when, through which request. Written in the caller's transaction, so a change is never stored without its
 * row, nor a row without its change.
 */
@Component
class IdentityAudit {

    private final JdbcTemplate jdbc;

    IdentityAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What was done; the names are stable, auditors filter on them. */
    enum Action {
        USER_CREATED("user.created"), USER_DEACTIVATED("user.deactivated"),
        DEVICE_ISSUED("device.issued"), DEVICE_REVOKED("device.revoked");

        final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }
    }

    void record(Action action, String targetType, long targetId) {
        Long actorId = null;
        String actorRole = null;
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            actorId = user.userId();
            actorRole = user.role().wireName();
        }
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
        jdbc.update("""
                INSERT INTO identity_audit (actor_user_id, actor_role, action, target_type, target_id, request_id,
                                            client_address)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", actorId, actorRole, action.wireName, targetType, targetId,
                RequestIds.current(), address);
    }
}
