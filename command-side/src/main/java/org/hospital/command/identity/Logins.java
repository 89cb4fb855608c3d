package org.hospital.command.identity;

import org.hospital.command.identity.UserAccounts.Account;
import org.hospital.platform.security.AccessTokens;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Signs users in: checks the password and issues an access token and a refresh token. */
@Service
class Logins {

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    /** Compared against when the user is unknown, so that the answer takes as long as for a wrong password. */
    private final String dummyHash;

    Logins(UserAccounts accounts, PasswordEncoder passwords, AccessTokens accessTokens,
           RefreshTokens refreshTokens) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.dummyHash = passwords.encode("timing-equaliser-" + Secrets.newSecret());
    }

    record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken) {
    }

    TokenPair login(String username, String password) {
        Account account = accounts.findAccount(username).orElse(null);
        if (account == null) {
            passwords.matches(password, dummyHash);
            throw new InvalidCredentials();
        }
        if (!passwords.matches(password, account.passwordHash()) || !account.active()) {
            throw new InvalidCredentials();
        }
        String accessToken = accessTokens.issue(account.asCurrentUser());
        return new TokenPair(accessToken, "bearer", accessTokens.lifetime().toSeconds(),
                refreshTokens.issueNewFamily(account.id()));
    }
}
