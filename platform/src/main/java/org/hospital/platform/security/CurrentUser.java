package org.hospital.platform.security;

/**
 * Who is calling: a user signed in with a token, or a device authenticated by its key. The clinical links
 * ({@code doctorId}, {@code nurseId} and {@code ward}, {@code patientId}, a device's {@code roomId}) drive the
 * ownership checks of docs/api.md, Roles.
 */
public record CurrentUser(Long userId, String username, Role role, Long doctorId, Long nurseId, String ward,
                          Long patientId, Long deviceId, Long roomId) {

    public static CurrentUser device(long deviceId, long roomId) {
        return new CurrentUser(null, "device-" + deviceId, Role.DEVICE, null, null, null, null, deviceId, roomId);
    }

    public boolean is(Role expected) {
        return role == expected;
    }

    /** A short, non-identifying description for logs: role and numeric id. */
    public String describe() {
        return role.wireName() + ":" + (deviceId != null ? deviceId : userId);
    }
}
