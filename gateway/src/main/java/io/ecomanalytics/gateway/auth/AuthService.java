package io.ecomanalytics.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Checks user names and passwords, issues access and refresh tokens, rotates and revokes refresh tokens; every attempt goes to
 * the audit log.
 */
@ApplicationScoped
public class AuthService {
    /** Compared against when the user does not exist, so an unknown name takes as long as a wrong password. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-password");
    private static final String BAD_REFRESH = "refresh token unknown, expired, revoked or already used";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final TokenService tokens;
    private final RefreshTokenRepository refreshTokens;
    private final LoginThrottle throttle;
    private final Revocations revocations;
    private final AuditLog audit;
    private final GatewayConfig config;

    public AuthService(UserRepository users, TokenService tokens, RefreshTokenRepository refreshTokens,
            LoginThrottle throttle, Revocations revocations, AuditLog audit, GatewayConfig config) {
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.revocations = revocations;
        this.audit = audit;
        this.config = config;
    }

    public Tokens login(String username, String password, String address) {
        try {
            // recorded before the password is checked: concurrent guesses cannot all pass one check
            throttle.attempt(username, address);
        } catch (LoginThrottle.Throttled e) {
            audit.record("login", "blocked", username, username, address);
            throw e;
        }
        User user = users.findByUsername(username).orElse(null);
        boolean matches = BcryptUtil.matches(password, user == null ? DUMMY_HASH : user.passwordHash());
        if (user == null || !matches || !user.enabled()) {
            audit.record("login", user != null && matches ? "disabled" : "failure", username, username, address);
            throw new ApiException(401, null, "unknown user name or wrong password");
        }
        throttle.succeeded(username, address);
        audit.record("login", "success", user.username(), user.username(), address);
        String refresh = newRefreshToken();
        UUID session = UUID.randomUUID();
        refreshTokens.insert(user.id(), session, hash(refresh), refreshExpiry());
        return new Tokens(tokens.issue(user, session), refresh);
    }

    /** Exchanges a refresh token for new tokens; a token used before revokes its family. */
    public Tokens refresh(String refreshToken, String address) {
        String successor = newRefreshToken();
        RefreshTokenRepository.Rotation rotation = refreshTokens.rotate(hash(refreshToken), hash(successor),
                refreshExpiry());
        User user = rotation.userId() < 0 ? null : users.findById(rotation.userId()).orElse(null);
        String name = user == null ? null : user.username();
        switch (rotation.outcome()) {
            case REUSED -> {
                revocations.revokeSession(rotation.family());
                audit.record("refresh", "reuse", name, name, address);
                throw new ApiException(401, "refresh_token", BAD_REFRESH);
            }
            case UNKNOWN, EXPIRED, REVOKED -> throw new ApiException(401, "refresh_token", BAD_REFRESH);
            case ROTATED -> {
                if (user == null || !user.enabled()) {
                    refreshTokens.revokeFamilyOf(hash(successor));
                    revocations.revokeSession(rotation.family());
                    throw new ApiException(401, "refresh_token", BAD_REFRESH);
                }
                audit.record("refresh", "success", name, name, address);
                return new Tokens(tokens.issue(user, rotation.family()), successor);
            }
            default -> throw new IllegalStateException(rotation.outcome().name());
        }
    }

    /**
     * Ends the session of a refresh token: its whole family is revoked, and so are its access tokens. Unknown tokens are
     * ignored.
     */
    public void logout(String refreshToken, String address) {
        refreshTokens.revokeFamilyOf(hash(refreshToken)).ifPresent(family -> {
            revocations.revokeSession(family.id());
            String name = users.findById(family.userId()).map(User::username).orElse(null);
            audit.record("logout", "success", name, name, address);
        });
    }

    private Instant refreshExpiry() {
        return Instant.now().plus(config.refreshTokenTtl());
    }

    private static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Refresh tokens are 256 random bits, so one unsalted SHA-256 is enough to make a stolen table useless. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token and the refresh token that renews it. */
    public record Tokens(TokenService.AccessToken access, String refreshToken) {
    }
}
