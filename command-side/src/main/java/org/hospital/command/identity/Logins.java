package org.hospital.command.identity;

import java.time.Duration;
import org.hospital.command.identity.RefreshTokens.Rotation;
import org.hospital.command.identity.UserAccounts.Account;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.AccessTokens;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Signs users in (password, throttled), renews their tokens (refresh-token rotation) and signs them out (revokes the
 * sign-in's token family). A deactivated account can do none of it. Its access tokens already issued stay valid
 * until they expire (at most the access-token lifetime, 15 minutes by default) on sides that only verify the
 * signature; the command side refuses them at once ({@link DeactivatedUsers}).
 */
@Service
class Logins {

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    /** Compared against when the user is unknown, so that the answer takes as long as for a wrong password. */
    private final String dummyHash;

    Logins(UserAccounts accounts, PasswordEncoder passwords, AccessTokens accessTokens, RefreshTokens refreshTokens,
           LoginThrottle throttle) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.dummyHash = passwords.encode("timing-equaliser-" + Secrets.newSecret());
    }

    record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken) {
    }

    /** Checked before the password, so that a correct guess after the limit is refused too. */
    TokenPair login(String username, String password, String clientAddress) {
        throttle.retryAfter(username, clientAddress).ifPresent(wait -> {
            throw new TooManyAttempts(wait);
        });
        Account account = accounts.findAccount(username).orElse(null);
        if (account == null) {
            passwords.matches(password, dummyHash);
            throttle.failed(username, clientAddress);
            throw new InvalidCredentials();
        }
        if (!passwords.matches(password, account.passwordHash()) || !account.active()) {
            throttle.failed(username, clientAddress);
            throw new InvalidCredentials();
        }
        throttle.succeeded(username, clientAddress);
        if (passwords.upgradeEncoding(account.passwordHash())) {
            accounts.rehashPassword(account.id(), password);
        }
        return pair(account, refreshTokens.issueNewFamily(account.id()));
    }

    /** A new pair for a refresh token that was never used; the account's current role and links go in the token. */
    TokenPair refresh(String refreshToken) {
        Rotation rotation = refreshTokens.rotate(refreshToken).orElseThrow(InvalidRefreshToken::new);
        Account account = accounts.findAccount(rotation.userId()).orElseThrow(InvalidRefreshToken::new);
        if (!account.active()) {
            refreshTokens.revokeAllOf(account.id());
            throw new InvalidRefreshToken();
        }
        return pair(account, rotation.newToken());
    }

    void logout(String refreshToken) {
        refreshTokens.revokeFamily(refreshToken);
    }

    private TokenPair pair(Account account, String refreshToken) {
        String accessToken = accessTokens.issue(account.asCurrentUser());
        return new TokenPair(accessToken, "bearer", accessTokens.lifetime().toSeconds(), refreshToken);
    }

    /** Unknown, expired, revoked, reused: one answer for all, so a probe learns nothing. */
    static final class InvalidRefreshToken extends DomainException {

        InvalidRefreshToken() {
            super(ErrorCode.UNAUTHENTICATED, "Invalid or expired refresh token");
        }
    }

    /** Too many failed sign-ins for this account name or from this address; the same text whether or not it exists. */
    static final class TooManyAttempts extends DomainException {

        TooManyAttempts(Duration retryAfter) {
            super(ErrorCode.RATE_LIMITED, "Too many failed sign-in attempts; try again later", retryAfter);
        }
    }
}
