package io.ecomanalytics.gateway.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refresh tokens in {@code auth.refresh_tokens}, stored only as SHA-256 hashes. A family is the chain of rotations that began
 * with one login; a token is used once, and using it again revokes its whole family.
 */
@ApplicationScoped
public class RefreshTokenRepository {
    private final DataSource dataSource;

    public RefreshTokenRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new token of the family. */
    public void insert(long userId, UUID family, String tokenHash, Instant expiresAt) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, userId, family, tokenHash, expiresAt);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store refresh token", e);
        }
    }

    /**
     * Uses the token of {@code tokenHash} and stores its successor, in one transaction. The token row is locked, so two
     * concurrent uses of one token cannot both succeed: the second sees it used and revokes the family.
     */
    public Rotation rotate(String tokenHash, String successorHash, Instant successorExpiresAt) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Rotation rotation = rotate(c, tokenHash, successorHash, successorExpiresAt);
                c.commit();
                return rotation;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot rotate refresh token", e);
        }
    }

    /** Revokes every token of the family of this token; returns the family, or empty when the token is unknown. */
    public Optional<Family> revokeFamilyOf(String tokenHash) {
        String sql = "UPDATE auth.refresh_tokens SET revoked_at = now() WHERE family_id ="
                + " (SELECT family_id FROM auth.refresh_tokens WHERE token_hash = ?) AND revoked_at IS NULL"
                + " RETURNING user_id, family_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Family(rs.getLong(1), rs.getObject(2, UUID.class))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke refresh tokens", e);
        }
    }

    /** The families revoked within {@code since} (logout, reuse): their access tokens may still be unexpired. */
    public List<UUID> familiesRevokedWithin(Duration since) {
        String sql = "SELECT DISTINCT family_id FROM auth.refresh_tokens"
                + " WHERE revoked_at > now() - make_interval(secs => ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, since.toSeconds());
            List<UUID> families = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    families.add(rs.getObject(1, UUID.class));
                }
            }
            return families;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read revoked refresh tokens", e);
        }
    }

    private static Rotation rotate(Connection c, String tokenHash, String successorHash, Instant expiresAt)
            throws SQLException {
        String select = "SELECT user_id, family_id, expires_at < now(), used_at IS NOT NULL, revoked_at IS NOT NULL"
                + " FROM auth.refresh_tokens WHERE token_hash = ? FOR UPDATE";
        long userId;
        UUID family;
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Rotation(Outcome.UNKNOWN, -1, null);
                }
                userId = rs.getLong(1);
                family = rs.getObject(2, UUID.class);
                if (rs.getBoolean(4)) {
                    revokeFamily(c, family);
                    return new Rotation(Outcome.REUSED, userId, family);
                }
                if (rs.getBoolean(5)) {
                    return new Rotation(Outcome.REVOKED, userId, family);
                }
                if (rs.getBoolean(3)) {
                    return new Rotation(Outcome.EXPIRED, userId, family);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE auth.refresh_tokens SET used_at = now() WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            ps.executeUpdate();
        }
        insert(c, userId, family, successorHash, expiresAt);
        return new Rotation(Outcome.ROTATED, userId, family);
    }

    private static void revokeFamily(Connection c, UUID family) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE auth.refresh_tokens SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL")) {
            ps.setObject(1, family);
            ps.executeUpdate();
        }
    }

    private static void insert(Connection c, long userId, UUID family, String tokenHash, Instant expiresAt)
            throws SQLException {
        String sql = "INSERT INTO auth.refresh_tokens (id, user_id, family_id, token_hash, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setLong(2, userId);
            ps.setObject(3, family);
            ps.setString(4, tokenHash);
            ps.setTimestamp(5, Timestamp.from(expiresAt));
            ps.executeUpdate();
        }
    }

    /** What happened to a presented refresh token. */
    public enum Outcome {
        ROTATED, UNKNOWN, EXPIRED, REVOKED, REUSED
    }

    public record Rotation(Outcome outcome, long userId, UUID family) {
    }

    /** A family of refresh tokens: one login's session. */
    public record Family(long userId, UUID id) {
    }
}
