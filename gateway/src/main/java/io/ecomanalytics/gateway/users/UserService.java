package io.ecomanalytics.gateway.users;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.gateway.auth.AuditLog;
import io.ecomanalytics.gateway.auth.Revocations;
import io.ecomanalytics.gateway.auth.User;
import io.ecomanalytics.gateway.auth.UserRepository;
import io.quarkus.elytron.security.common.BcryptUtil;

/** User administration; every change is written to the audit log with the admin who made it. */
@ApplicationScoped
public class UserService {
    private final UserRepository users;
    private final Revocations revocations;
    private final AuditLog audit;

    public UserService(UserRepository users, Revocations revocations, AuditLog audit) {
        this.users = users;
        this.revocations = revocations;
        this.audit = audit;
    }

    public List<User> list(String actor, String address) {
        audit.record("user.list", "success", actor, null, address);
        return users.list();
    }

    public User create(String username, String password, String role, String actor, String address) {
        try {
            long id = users.insert(username, BcryptUtil.bcryptHash(password), role);
            audit.record("user.create", "success", actor, username, address);
            return users.findById(id).orElseThrow();
        } catch (ApiException e) {
            audit.record("user.create", "refused", actor, username, address);
            throw e;
        }
    }

    public User update(long id, String role, Boolean enabled, String actor, String address) {
        if (role == null && enabled == null) {
            throw ApiException.badRequest("role", "give a new 'role' or 'enabled'");
        }
        User before = users.findById(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        if (before.username().equalsIgnoreCase(actor) && (Boolean.FALSE.equals(enabled)
                || role != null && !role.equals(before.role()))) {
            // an admin who demotes or disables themselves could leave the platform without any admin
            throw ApiException.badRequest(role != null ? "role" : "enabled",
                    "an admin cannot demote or disable themselves");
        }
        User after = users.update(id, role, enabled).orElseThrow(() -> ApiException.notFound("no user " + id));
        if (after.tokenVersion() != before.tokenVersion()) {
            // disabled or role changed: the tokens issued before stop working now, not when they expire
            revocations.revokeTokensBefore(id, after.tokenVersion());
        }
        if (role != null && !role.equals(before.role())) {
            audit.record("user.role", before.role() + "->" + role, actor, after.username(), address);
        }
        if (enabled != null && enabled != before.enabled()) {
            audit.record(enabled ? "user.enable" : "user.disable", "success", actor, after.username(), address);
        }
        return after;
    }
}
