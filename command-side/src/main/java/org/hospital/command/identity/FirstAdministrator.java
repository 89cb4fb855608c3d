package org.hospital.command.identity;

import org.hospital.command.identity.UserAdministration.InvalidAccount;
import org.hospital.command.identity.UserAdministration.UsernameTaken;
import org.hospital.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first administrator of a deployment without the demo data (docs/security.md, First sign-in): when
 * {@code HOSPITAL_BOOTSTRAP_ADMIN_USERNAME} and {@code HOSPITAL_BOOTSTRAP_ADMIN_PASSWORD} are set and no active
 * administrator exists, this account is created at start as the API creates accounts ({@link UserAdministration}:
 * its password policy, its audit row). Once an
 * administrator exists the variables are ignored: they never reset a password, so a forgotten variable in the
 * environment is not a way back in. Half a configuration, a password the policy refuses or a username held by
 * another kind of account stop the start with the reason, rather than leave a deployment no one can sign in to.
 * Runs before the side reports itself ready.
 */
@Component
@Order(0)
@EnableConfigurationProperties(FirstAdministrator.Settings.class)
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    /** {@code hospital.bootstrap.admin.*}: both or neither. */
    @ConfigurationProperties("hospital.bootstrap.admin")
    record Settings(String username, String password) {

        boolean present() {
            return username != null && !username.isBlank() || password != null && !password.isEmpty();
        }
    }

    private final Settings settings;
    private final UserAccounts accounts;
    private final UserAdministration administration;

    FirstAdministrator(Settings settings, UserAccounts accounts, UserAdministration administration) {
        this.settings = settings;
        this.accounts = accounts;
        this.administration = administration;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure();
    }

    /** Creates the configured administrator if none exists; true when this call created it. */
    boolean ensure() {
        if (!settings.present()) {
            return false;
        }
        String username = settings.username() == null ? "" : settings.username().trim();
        String password = settings.password();
        if (username.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalStateException("Set both HOSPITAL_BOOTSTRAP_ADMIN_USERNAME and "
                    + "HOSPITAL_BOOTSTRAP_ADMIN_PASSWORD to create the first administrator, or neither");
        }
        if (accounts.hasActiveAdministrator()) {
            log.warn("An administrator exists; HOSPITAL_BOOTSTRAP_ADMIN_* are ignored and can be removed from the "
                    + "environment");
            return false;
        }
        if (!username.matches(UserController.USERNAME)) {
            throw new IllegalStateException("HOSPITAL_BOOTSTRAP_ADMIN_USERNAME must be 3-50 of a-z 0-9 . _ - "
                    + "starting with a letter");
        }
        try {
            administration.createUser(username, password, Role.ADMIN, null, null, null);
        } catch (InvalidAccount e) {
            throw new IllegalStateException("HOSPITAL_BOOTSTRAP_ADMIN_PASSWORD: " + e.getMessage());
        } catch (UsernameTaken e) {
            // Another instance of the command side created it at the same moment, or the name is someone else's.
            if (accounts.findAccount(username).filter(account -> account.role() == Role.ADMIN && account.active())
                    .isPresent()) {
                return false;
            }
            throw new IllegalStateException("HOSPITAL_BOOTSTRAP_ADMIN_USERNAME '" + username
                    + "' belongs to an account that is not an active administrator");
        }
        log.warn("Created the first administrator '{}' from HOSPITAL_BOOTSTRAP_ADMIN_*: sign in, change what needs "
                + "changing, and remove the variables from the environment", username);
        return true;
    }
}
