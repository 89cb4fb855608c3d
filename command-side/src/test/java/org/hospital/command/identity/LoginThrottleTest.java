package org.hospital.command.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hospital.command.identity.Logins.TooManyAttempts;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.schema.SchemaMigration;
import org.hospital.platform.security.AccessTokens;
import org.hospital.platform.security.JwtProperties;
import org.hospital.platform.security.Role;
import org.hospital.testing.MovableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Sign-in throttling on the command side's real schema in PostgreSQL, with a clock the test moves. */
@Tag("integration")
class LoginThrottleTest {

    private static final String WORKSTATION = "10.20.0.7";

    private static JdbcTemplate jdbc;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private LoginThrottle throttle;

    @BeforeAll
    static void database() {
        DataSource dataSource = TestInfrastructure.shared().newDataSource("sign_in");
        SchemaMigration.apply(dataSource, "command");
        jdbc = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void noFailuresYet() {
        jdbc.update("DELETE FROM sign_in_failures");
        throttle = new LoginThrottle(jdbc, clock);
    }

    @Test
    void aClinicianWhoMistypesFiveTimesWaitsSecondsNotMinutes() {
        for (int failure = 1; failure <= 3; failure++) {
            throttle.failed("nurse_joy", WORKSTATION);
            assertThat(throttle.retryAfter("nurse_joy", WORKSTATION)).as("failure %d is free", failure).isEmpty();
        }
        throttle.failed("nurse_joy", WORKSTATION);
        assertThat(throttle.retryAfter("nurse_joy", WORKSTATION)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("nurse_joy", WORKSTATION)).isEmpty();
        throttle.failed("nurse_joy", WORKSTATION);
        assertThat(throttle.retryAfter("nurse_joy", WORKSTATION)).contains(Duration.ofSeconds(2));
        assertThat(throttle.retryAfter("nurse_joy", "10.20.0.8")).as("another workstation waits for nothing").isEmpty();
    }

    @Test
    void oneAddressGuessingOneAccountWaitsTwiceAsLongEachTimeUpToAQuarterHour() {
        List<Duration> waits = new ArrayList<>();
        for (int failure = 1; failure <= 40; failure++) {
            throttle.failed("dr_house", WORKSTATION);
            Duration wait = throttle.retryAfter("dr_house", WORKSTATION).orElse(Duration.ZERO);
            waits.add(wait);
            clock.advance(wait);
        }
        assertThat(waits.subList(0, 8)).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16));
        assertThat(waits).contains(Duration.ofMinutes(15)).allMatch(wait -> wait.compareTo(Duration.ofMinutes(15)) <= 0);
        Duration spent = waits.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(spent).as("40 guesses cost the attacker hours").isGreaterThan(Duration.ofHours(3));
    }

    @Test
    void guessesAtOneAccountFromManyAddressesSlowItsOwnerByAtMostAMinute() {
        for (int address = 1; address <= 10; address++) {
            throttle.failed("dr_house", "198.51.100." + address);
        }
        assertThat(throttle.retryAfter("dr_house", WORKSTATION)).as("ten failures from anywhere are free").isEmpty();
        Duration longest = Duration.ZERO;
        for (int address = 11; address <= 60; address++) {
            throttle.failed("dr_house", "198.51.100." + address);
            Duration wait = throttle.retryAfter("dr_house", WORKSTATION).orElseThrow();
            longest = wait.compareTo(longest) > 0 ? wait : longest;
            clock.advance(wait);
        }
        assertThat(longest).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.retryAfter("someone_else", WORKSTATION)).isEmpty();
    }

    @Test
    void oneAddressTryingManyNamesWaitsAfterTwentyAndOtherAddressesDoNot() {
        for (int name = 1; name <= 20; name++) {
            throttle.failed("nobody" + name, WORKSTATION);
        }
        assertThat(throttle.retryAfter("nurse_joy", WORKSTATION)).isEmpty();
        throttle.failed("nobody21", WORKSTATION);
        assertThat(throttle.retryAfter("nurse_joy", WORKSTATION)).contains(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("nurse_joy", "10.20.0.8")).isEmpty();
    }

    @Test
    void occasionalTyposNeverAddUp() {
        for (int typo = 1; typo <= 48; typo++) {
            throttle.failed("nurse_joy", WORKSTATION);
            throttle.failed("dr_house", WORKSTATION);
            assertThat(throttle.retryAfter("nurse_joy", WORKSTATION)).as("typo %d, half an hour after the last", typo).isEmpty();
            clock.advance(Duration.ofMinutes(30));
        }
    }

    @Test
    void aCorrectPasswordClearsTheAccountsCountsButNotTheAddresses() {
        for (int failure = 1; failure <= 4; failure++) {
            throttle.failed("nurse_joy", WORKSTATION);
        }
        for (int name = 1; name <= 16; name++) {
            throttle.failed("nobody" + name, WORKSTATION);
        }
        clock.advance(Duration.ofSeconds(1));
        throttle.succeeded("nurse_joy", WORKSTATION);

        throttle.failed("nurse_joy", WORKSTATION);
        assertThat(throttle.retryAfter("nurse_joy", "10.20.0.8")).as("the account starts afresh").isEmpty();
        assertThat(throttle.retryAfter("dr_house", WORKSTATION)).as("the address has failed 21 times").isPresent();
    }

    @Test
    void everyInstanceSeesTheSameCounts() {
        LoginThrottle otherInstance = new LoginThrottle(jdbc, clock);
        for (int failure = 1; failure <= 4; failure++) {
            (failure % 2 == 0 ? throttle : otherInstance).failed("dr_house", WORKSTATION);
        }
        assertThat(otherInstance.retryAfter("dr_house", WORKSTATION)).contains(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("dr_house", WORKSTATION)).contains(Duration.ofSeconds(1));
    }

    @Test
    void namesAreCountedAlikeWhateverTheirCaseOrSurroundingSpaces() {
        for (String spelling : List.of("Nurse_Joy", " nurse_joy", "NURSE_JOY ", "nurse_joy")) {
            throttle.failed(spelling, WORKSTATION);
        }
        assertThat(throttle.retryAfter("nurse_joy", WORKSTATION)).contains(Duration.ofSeconds(1));
    }

    @Test
    void aSubjectQuietForADayIsForgotten() {
        throttle.failed("nobody", WORKSTATION);
        clock.advance(Duration.ofDays(1).plusMinutes(2));
        throttle.failed("somebody", "10.20.0.8");
        assertThat(jdbc.queryForList("SELECT subject FROM sign_in_failures", String.class))
                .containsExactlyInAnyOrder("account-at-address:somebody@10.20.0.8", "account:somebody",
                        "address:10.20.0.8");
    }

    @Test
    void whileAnAccountWaitsEvenTheRightPasswordIsRefusedAndNotChecked() {
        BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(4);
        UserAccounts accounts = new UserAccounts(jdbc, passwords);
        accounts.createUser("night_nurse", "correct horse battery", Role.NURSE, null, null, null);
        Logins logins = new Logins(accounts, passwords, accessTokens(clock), new RefreshTokens(jdbc, clock), throttle);
        for (int failure = 1; failure <= 4; failure++) {
            assertThatThrownBy(() -> logins.login("night_nurse", "wrong", WORKSTATION))
                    .isInstanceOf(InvalidCredentials.class);
        }
        assertThatThrownBy(() -> logins.login("night_nurse", "correct horse battery", WORKSTATION))
                .isInstanceOfSatisfying(TooManyAttempts.class,
                        refused -> assertThat(refused.retryAfter()).contains(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(logins.login("night_nurse", "correct horse battery", WORKSTATION).accessToken()).isNotBlank();
        assertThat(throttle.retryAfter("night_nurse", WORKSTATION)).isEmpty();
    }

    private static AccessTokens accessTokens(Clock clock) {
        return new AccessTokens(new JwtProperties("a-test-secret-that-is-long-enough-0123456789", false,
                "hospital-backend", "hospital-api", Duration.ofMinutes(15)), clock);
    }
}
