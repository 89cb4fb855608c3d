package org.hospital.command.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.schema.SchemaMigration;
import org.hospital.platform.web.ErrorResponses;
import org.hospital.platform.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/** The first administrator of a deployment without demo data, on the command side's real schema in PostgreSQL. */
@Tag("integration")
class FirstAdministratorTest {

    private static final String PASSWORD = "correct horse battery";

    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(4);
    private JdbcTemplate jdbc;
    private UserAccounts accounts;
    private UserAdministration administration;

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = TestInfrastructure.shared().newDataSource("first_admin");
        SchemaMigration.apply(dataSource, "command");
        jdbc = new JdbcTemplate(dataSource);
        accounts = new UserAccounts(jdbc, passwords);
        // The register is not asked for an administrator, who is bound to no doctor, nurse or patient.
        administration = new UserAdministration(accounts, new RefreshTokens(jdbc, Clock.systemUTC()),
                mock(ClinicalRecords.class), new IdentityAudit(jdbc),
                new DeactivatedUsers(accounts, new ErrorResponses(JsonMapper.builder().build(), List.of())));
    }

    @Test
    void createsTheConfiguredAdministratorWithAnAuditRowWhenNoneExists() {
        assertThat(firstAdministrator("chief.admin", PASSWORD).ensure()).isTrue();

        UserAccounts.Account admin = accounts.findAccount("chief.admin").orElseThrow();
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.active()).isTrue();
        assertThat(passwords.matches(PASSWORD, admin.passwordHash())).isTrue();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM identity_audit
                WHERE action = 'user.created' AND target_type = 'user' AND target_id = ? AND actor_user_id IS NULL""",
                Integer.class, admin.id())).isEqualTo(1);
    }

    @Test
    void neverTouchesAnExistingAdministratorNorCreatesASecondOne() {
        long existing = accounts.createUser("night.admin", "an old password", Role.ADMIN, null, null, null);

        assertThat(firstAdministrator("night.admin", PASSWORD).ensure()).isFalse();
        assertThat(firstAdministrator("other.admin", PASSWORD).ensure()).isFalse();

        assertThat(passwords.matches("an old password", accounts.findAccount(existing).orElseThrow().passwordHash()))
                .as("the variables never reset a password").isTrue();
        assertThat(accounts.findAccount("other.admin")).isEmpty();
    }

    @Test
    void createsOneWhenTheOnlyAdministratorWasDeactivated() {
        long former = accounts.createUser("former.admin", "an old password", Role.ADMIN, null, null, null);
        accounts.deactivate(former);

        assertThat(firstAdministrator("new.admin", PASSWORD).ensure()).isTrue();
    }

    @Test
    void doesNothingWhenNotConfigured() {
        assertThat(firstAdministrator(null, null).ensure()).isFalse();
        assertThat(firstAdministrator("", "").ensure()).isFalse();
        assertThat(accounts.hasActiveAdministrator()).isFalse();
    }

    @Test
    void stopsTheStartOnHalfAConfigurationOrAPasswordThePolicyRefuses() {
        assertThatThrownBy(() -> firstAdministrator("chief.admin", null).ensure())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> firstAdministrator(null, PASSWORD).ensure())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> firstAdministrator("chief.admin", "short").ensure())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> firstAdministrator("chief.admin", "chief.admin-2026").ensure())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> firstAdministrator("Chief Admin", PASSWORD).ensure())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a-z");

        assertThat(accounts.hasActiveAdministrator()).isFalse();
    }

    @Test
    void refusesAUsernameThatBelongsToAnotherKindOfAccount() {
        accounts.createUser("sam.jones", "an old password", Role.NURSE, null, null, null);

        assertThatThrownBy(() -> firstAdministrator("sam.jones", PASSWORD).ensure())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an active administrator");
        assertThat(accounts.findAccount("sam.jones").orElseThrow().role()).isEqualTo(Role.NURSE);
    }

    @Test
    void twoInstancesStartingTogetherLeaveOneAdministrator() {
        FirstAdministrator first = firstAdministrator("chief.admin", PASSWORD);
        FirstAdministrator second = firstAdministrator("chief.admin", PASSWORD);

        CompletableFuture<Boolean> one = CompletableFuture.supplyAsync(first::ensure);
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(second::ensure);

        assertThat(one.join() ^ other.join()).as("exactly one of them created it").isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM app_user WHERE role = 'admin'", Integer.class))
                .isEqualTo(1);
    }

    private FirstAdministrator firstAdministrator(String username, String password) {
        return new FirstAdministrator(new FirstAdministrator.Settings(username, password), accounts, administration);
    }
}
