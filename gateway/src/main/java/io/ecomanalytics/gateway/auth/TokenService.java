package io.ecomanalytics.gateway.auth;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs RS256 access tokens that every service verifies with the gateway's public key. Besides user and roles a token names its
 * session ({@value #SESSION}: the refresh-token family of the login) and the user's token version ({@value #VERSION}), by which
 * the gateway refuses it after logout, disabling or a role change.
 */
@ApplicationScoped
public class TokenService {
    /** The claim naming the token's session. */
    public static final String SESSION = "sid";
    /** The claim carrying the user's token version. */
    public static final String VERSION = "tv";

    private final GatewayConfig config;
    private final String issuer;
    private final List<String> audiences;

    public TokenService(GatewayConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences) {
        this.config = config;
        this.issuer = issuer;
        this.audiences = audiences;
    }

    public AccessToken issue(User user, UUID session) {
        Instant now = Instant.now();
        long ttl = config.accessTokenTtl().toSeconds();
        String token = Jwt.issuer(issuer)
                .audience(new HashSet<>(audiences))
                .subject(Long.toString(user.id()))
                .upn(user.username())
                .groups(new HashSet<>(Roles.groupsOf(user.role())))
                .claim("role", user.role())
                .claim("jti", UUID.randomUUID().toString())
                .claim(SESSION, session.toString())
                .claim(VERSION, user.tokenVersion())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(ttl))
                .sign();
        return new AccessToken(token, ttl, user.role());
    }

    /** A signed token and its lifetime in seconds. */
    public record AccessToken(String token, long expiresIn, String role) {
    }
}
