package org.hospital.platform.security;

import java.security.Principal;

/**
 * Who is calling: a user signed in with a token, or a device authenticated by its key. The clinical links
 * ({@code doctorId}, {@code nurseId} and {@code ward}, {@code patientId}, a device's {@code roomId}) drive the
 * ownership checks of docs/api.md, Roles.
 */
public record CurrentUser(Long userId, String username, Role role, Long doctorId, Long nurseId, String ward,
                          Long patientId, Long deviceId, Long roomId) implements Principal {

    public static CurrentUser device(long deviceId, long roomId) {
        return new CurrentUser(null, "device-" + deviceId, Role.DEVICE, null, null, null, null, deviceId, roomId);
    }

    public boolean is(Role expected) {
        return role == expected;
    }

    /**
     * The name logs and the request log give the caller ({@code Authentication.getName()}): role and numeric id, short
     * and non-identifying, never the username.
     */
    @Override
    public String getName() {
        return role.wireName() + ":" + (deviceId != null ? deviceId : userId);
    }
}
