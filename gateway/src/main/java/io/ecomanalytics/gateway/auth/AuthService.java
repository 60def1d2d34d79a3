package io.ecomanalytics.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.problem.ApiException;
import io.quarkus.elytron.security.common.BcryptUtil;

/** Checks user names and passwords and issues tokens; every attempt goes to the audit log. */
@ApplicationScoped
public class AuthService {
    /** Compared against when the user does not exist, so an unknown name takes as long as a wrong password. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-password");

    private final UserRepository users;
    private final TokenService tokens;
    private final AuditLog audit;

    public AuthService(UserRepository users, TokenService tokens, AuditLog audit) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    public TokenService.AccessToken login(String username, String password, String address) {
        User user = users.findByUsername(username).orElse(null);
        boolean matches = BcryptUtil.matches(password, user == null ? DUMMY_HASH : user.passwordHash());
        if (user == null || !matches || !user.enabled()) {
            audit.record("login", user != null && matches ? "disabled" : "failure", username, username, address);
            throw new ApiException(401, null, "unknown user name or wrong password");
        }
        audit.record("login", "success", user.username(), user.username(), address);
        return tokens.issue(user);
    }
}
