package io.ecomanalytics.gateway.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.problem.ApiException;

/** Users in schema {@code auth}. */
@ApplicationScoped
public class UserRepository {
    private final DataSource dataSource;

    public UserRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final String COLUMNS = "id, username, password_hash, role, enabled, created_at, token_version";
    /** Unique violation: the user name is taken. */
    private static final String DUPLICATE = "23505";

    public Optional<User> findByUsername(String username) {
        return findOne("SELECT " + COLUMNS + " FROM auth.users WHERE lower(username) = lower(?)", username);
    }

    public Optional<User> findById(long id) {
        return findOne("SELECT " + COLUMNS + " FROM auth.users WHERE id = ?", id);
    }

    /** Every user, oldest first. */
    public List<User> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM auth.users ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<User> all = new ArrayList<>();
            while (rs.next()) {
                all.add(read(rs));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users", e);
        }
    }

    /**
     * Changes role and/or enabled flag (null leaves it); returns the user as it is now. Disabling the user or changing the role
     * raises the token version in the same statement, so no token can be issued in between with the old version and the new
     * state.
     */
    public Optional<User> update(long id, String role, Boolean enabled) {
        String sql = "UPDATE auth.users SET token_version = token_version"
                + " + CASE WHEN role <> coalesce(?, role) OR (enabled AND NOT coalesce(?, enabled)) THEN 1 ELSE 0 END,"
                + " role = coalesce(?, role), enabled = coalesce(?, enabled), updated_at = now()"
                + " WHERE id = ? RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, role);
            ps.setObject(2, enabled);
            ps.setString(3, role);
            ps.setObject(4, enabled);
            ps.setLong(5, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update user " + id, e);
        }
    }

    private Optional<User> findOne(String sql, Object key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read user", e);
        }
    }

    private static User read(ResultSet rs) throws SQLException {
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getTimestamp(6).toInstant(), rs.getInt(7));
    }

    /** The current token version of every user whose version was raised within {@code since}, by user id. */
    public Map<Long, Integer> tokenVersionsRaisedWithin(Duration since) {
        String sql = "SELECT id, token_version FROM auth.users WHERE token_version > 0"
                + " AND updated_at > now() - make_interval(secs => ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, since.toSeconds());
            Map<Long, Integer> versions = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getLong(1), rs.getInt(2));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read token versions", e);
        }
    }

    public boolean anyWithRole(String role) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM auth.users WHERE role = ? LIMIT 1")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users", e);
        }
    }

    /** Inserts a user; returns its id. A taken user name (in any letter case) is a 409. */
    public long insert(String username, String passwordHash, String role) {
        String sql = "INSERT INTO auth.users (username, password_hash, role) VALUES (?, ?, ?) RETURNING id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if (DUPLICATE.equals(e.getSQLState())) {
                throw ApiException.conflict("user name '" + username + "' is taken");
            }
            throw new IllegalStateException("cannot create user " + username, e);
        }
    }
}
