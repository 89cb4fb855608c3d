package org.hospital.command.identity;

import java.util.List;
import java.util.Optional;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User accounts and bedside devices. Passwords are kept as BCrypt hashes; a device key is shown once, when it is
 * issued, and only its SHA-256 digest is kept.
 */
@Service
public class UserAccounts {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;

    UserAccounts(JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** A device key, returned once at issue. */
    public record IssuedDevice(long deviceId, long roomId, String key) {
    }

    /** A stored account, with its password hash and clinical links. */
    record Account(long id, String username, String passwordHash, Role role, Long doctorId, Long nurseId,
                   String ward, Long patientId, boolean active) {

        CurrentUser asCurrentUser() {
            return new CurrentUser(id, username, role, doctorId, nurseId, ward, patientId, null, null);
        }
    }

    public long createUser(String username, String password, Role role, Long doctorId, Long nurseId,
                           Long patientId) {
        if (role == Role.DEVICE) {
            throw new IllegalArgumentException("devices are not users; issue a device key instead");
        }
        return jdbc.queryForObject("""
                        INSERT INTO app_user (username, password_hash, role, doctor_id, nurse_id, patient_id)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, username, passwords.encode(password),
                role.wireName(), doctorId, nurseId, patientId);
    }

    /** After a sign-in with a hash the encoder would no longer write: the same password, hashed the current way. */
    void rehashPassword(long userId, String password) {
        jdbc.update("UPDATE app_user SET password_hash = ? WHERE id = ?", passwords.encode(password), userId);
    }

    public Optional<Long> userIdByUsername(String username) {
        return jdbc.queryForList("SELECT id FROM app_user WHERE username = ?", Long.class, username).stream()
                .findFirst();
    }

    public void linkDoctor(long userId, long doctorId) {
        jdbc.update("UPDATE app_user SET doctor_id = ? WHERE id = ?", doctorId, userId);
    }

    public void linkNurse(long userId, long nurseId) {
        jdbc.update("UPDATE app_user SET nurse_id = ? WHERE id = ?", nurseId, userId);
    }

    public void linkPatient(long userId, long patientId) {
        jdbc.update("UPDATE app_user SET patient_id = ? WHERE id = ?", patientId, userId);
    }

    public IssuedDevice issueDevice(long roomId, String label) {
        String key = Secrets.newSecret();
        long id = jdbc.queryForObject(
                "INSERT INTO device (key_hash, room_id, label) VALUES (?, ?, ?) RETURNING id", Long.class,
                Secrets.sha256Hex(key), roomId, label);
        return new IssuedDevice(id, roomId, key);
    }

    /** Revokes every active device with this label and issues one new key for the room, atomically. */
    @Transactional
    public IssuedDevice reissueDevice(long roomId, String label) {
        jdbc.update("UPDATE device SET active = FALSE, revoked_at = now() WHERE label = ? AND active", label);
        return issueDevice(roomId, label);
    }

    Optional<Account> findAccount(String username) {
        return findAccountWhere("u.username = ?", username);
    }

    Optional<Account> findAccount(long userId) {
        return findAccountWhere("u.id = ?", userId);
    }

    private Optional<Account> findAccountWhere(String condition, Object value) {
        return jdbc.query("""
                        SELECT u.id, u.username, u.password_hash, u.role, u.doctor_id, u.nurse_id, n.ward,
                               u.patient_id, u.active
                        FROM app_user u LEFT JOIN nurse n ON n.id = u.nurse_id
                        WHERE\s""" + condition,
                (rs, n) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.fromWireName(rs.getString(4)), rs.getObject(5, Long.class), rs.getObject(6, Long.class),
                        rs.getString(7), rs.getObject(8, Long.class), rs.getBoolean(9)), value)
                .stream().findFirst();
    }

    /** Whether any account may administer the system: an active administrator. */
    boolean hasActiveAdministrator() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM app_user WHERE role = ? AND active)", Boolean.class,
                Role.ADMIN.wireName()));
    }

    /** True when the account existed and was active; it is inactive afterwards. */
    boolean deactivate(long userId) {
        return jdbc.update("UPDATE app_user SET active = FALSE WHERE id = ? AND active", userId) == 1;
    }

    /** Ids of every deactivated account (few: accounts are deactivated, not deleted, and rarely). */
    List<Long> inactiveUserIds() {
        return jdbc.queryForList("SELECT id FROM app_user WHERE NOT active", Long.class);
    }

    /** The device's room, if the device exists (active or not). */
    Optional<Long> deviceRoom(long deviceId) {
        return jdbc.queryForList("SELECT room_id FROM device WHERE id = ?", Long.class, deviceId).stream().findFirst();
    }

    /** True when the device existed and was active; its key is refused from now on. */
    boolean revokeDevice(long deviceId) {
        return jdbc.update("UPDATE device SET active = FALSE, revoked_at = now() WHERE id = ? AND active",
                deviceId) == 1;
    }

    /** True when an active account is already bound to this doctor, nurse or patient ({@code column} is a constant). */
    boolean linkTaken(String column, long linkedId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM app_user WHERE active AND " + column + " = ?)", Boolean.class,
                linkedId));
    }

    /** The active device holding this key, as a caller. */
    Optional<CurrentUser> findActiveDevice(String key) {
        return jdbc.query("SELECT id, room_id FROM device WHERE key_hash = ? AND active",
                (rs, n) -> CurrentUser.device(rs.getLong(1), rs.getLong(2)), Secrets.sha256Hex(key)).stream()
                .findFirst();
    }
}
