package org.hospital.command.identity;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.hospital.platform.security.AuthenticationContributor;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.ErrorResponses;
import org.hospital.platform.web.ErrorCode;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses the still-unexpired access tokens of deactivated accounts on the command side (every write), so that a
 * deactivation takes effect at once in this process and within {@link #REFRESH} in any other command-side instance.
 * Other sides honour deactivation when the token expires (the access-token lifetime, 15 minutes by default, is the
 * bound). The set is small: accounts are deactivated, never deleted, and rarely.
 */
@Component
class DeactivatedUsers implements AuthenticationContributor {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final UserAccounts accounts;
    private final ErrorResponses errors;
    private final Clock clock;
    private volatile Set<Long> inactive;
    private volatile Instant loadedAt = Instant.MIN;

    DeactivatedUsers(UserAccounts accounts, ErrorResponses errors, Clock clock) {
        this.accounts = accounts;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public Filter authenticationFilter() {
        return new DeactivatedUserFilter();
    }

    private Set<Long> reload() {
        Set<Long> loaded = Set.copyOf(accounts.inactiveUserIds());
        loadedAt = clock.instant();
        inactive = loaded;
        return loaded;
    }

    /** Forgets the set once the deactivating transaction committed, so the next request reads the new state. */
    void reloadAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    inactive = null;
                }
            });
        } else {
            inactive = null;
        }
    }

    boolean isDeactivated(long userId) {
        Set<Long> known = inactive;
        if (known == null || clock.instant().isAfter(loadedAt.plus(REFRESH))) {
            known = reload();
        }
        return known.contains(userId);
    }

    private final class DeactivatedUserFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                    && user.userId() != null && isDeactivated(user.userId())) {
                SecurityContextHolder.clearContext();
                errors.write(response, ErrorCode.UNAUTHENTICATED, "Authentication required");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
