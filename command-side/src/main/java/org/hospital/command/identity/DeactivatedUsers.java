package org.hospital.command.identity;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.AuthenticationContributor;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.web.ErrorResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses the still-unexpired access tokens of deactivated accounts on the command side (every write), so that a
 * deactivation takes effect at once in this process and within {@link #REFRESH} in any other command-side instance.
 * The set is reloaded by a background thread, never on a request's thread (a request must not wait for a database
 * connection to learn what it already knew); only before the first load succeeded does a request load it itself.
 * Other sides honour deactivation when the token expires (the access-token lifetime, 15 minutes by default, is the
 * bound). The set is small: accounts are deactivated, never deleted, and rarely.
 */
@Component
class DeactivatedUsers implements AuthenticationContributor, SmartInitializingSingleton {

    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DeactivatedUsers.class);

    private final UserAccounts accounts;
    private final ErrorResponses errors;
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("deactivated-users").factory());
    private volatile Set<Long> inactive;

    DeactivatedUsers(UserAccounts accounts, ErrorResponses errors) {
        this.accounts = accounts;
        this.errors = errors;
    }

    /** Starts reloading once every bean, the schema migrations among them, is ready. */
    @Override
    public void afterSingletonsInstantiated() {
        reloader.scheduleWithFixedDelay(this::reloadQuietly, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        reloader.shutdownNow();
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Cannot reload the deactivated accounts; keeping the set loaded before", e);
        }
    }

    @Override
    public Filter authenticationFilter() {
        return new DeactivatedUserFilter();
    }

    private Set<Long> reload() {
        Set<Long> loaded = Set.copyOf(accounts.inactiveUserIds());
        inactive = loaded;
        return loaded;
    }

    /**
     * Reloads the set once the deactivating transaction committed (on the deactivating request's thread), so the
     * account's next request is refused; if that reload fails, the set is forgotten and the next request loads it.
     */
    void reloadAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    reloadOrForget();
                }
            });
        } else {
            reloadOrForget();
        }
    }

    private void reloadOrForget() {
        try {
            reload();
        } catch (RuntimeException e) {
            inactive = null;
            log.warn("Cannot reload the deactivated accounts after a deactivation; the next request will", e);
        }
    }

    boolean isDeactivated(long userId) {
        Set<Long> known = inactive;
        if (known == null) {
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
                errors.write(request, response, ErrorCode.UNAUTHENTICATED, "Authentication required");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
