package io.ecomanalytics.gateway.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.ecomanalytics.contracts.problem.RequestIds;
import io.quarkus.logging.Log;

/** Appends to {@code auth.audit_log} (logins, failures, admin actions, exports) and reads it back for admins. */
@ApplicationScoped
public class AuditLog {
    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(String action, String outcome, String actor, String subject, String address) {
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        record(action, outcome, actor, subject, address, requestId == null ? null : requestId.toString(), null);
    }

    /** One row with a request id given (off the request's thread) and a JSON {@code detail}, or null. */
    public void record(String action, String outcome, String actor, String subject, String address, String requestId,
            String detail) {
        String sql = "INSERT INTO auth.audit_log (action, outcome, actor, subject, address, request_id, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, action);
            ps.setString(2, outcome);
            ps.setString(3, actor);
            ps.setString(4, subject);
            ps.setString(5, address);
            ps.setString(6, requestId);
            ps.setString(7, detail);
            ps.executeUpdate();
        } catch (SQLException e) {
            // an audit write must not turn a login into a 500; it is logged instead
            Log.errorf(e, "audit log write failed: %s %s %s", action, outcome, subject);
        }
    }
}
