package io.ecomanalytics.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads {@code auth.audit_log}, newest first. */
@ApplicationScoped
public class AuditRepository {
    private final DataSource dataSource;
    private final ObjectMapper json;

    public AuditRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The newest {@code limit} rows, of one action and one actor when given. */
    public List<AuditEntry> newest(String action, String actor, int limit) {
        String sql = "SELECT id, at, action, outcome, actor, subject, address, request_id, detail::text FROM auth.audit_log"
                + " WHERE (?::text IS NULL OR action = ?) AND (?::text IS NULL OR actor = ?) ORDER BY id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, action);
            ps.setString(2, action);
            ps.setString(3, actor);
            ps.setString(4, actor);
            ps.setInt(5, limit);
            List<AuditEntry> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String detail = rs.getString(9);
                    rows.add(new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            detail == null ? null : json.readTree(detail)));
                }
            }
            return rows;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("audit log read failed: " + e.getMessage(), e);
        }
    }
}
