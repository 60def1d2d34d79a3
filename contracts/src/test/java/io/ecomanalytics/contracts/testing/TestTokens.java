package io.ecomanalytics.contracts.testing;

import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;

import io.ecomanalytics.contracts.security.Roles;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Tokens for tests, signed with the key pair Quarkus generates in test mode, with the issuer and audience every service expects
 * (contracts' shared configuration), or deliberately broken.
 */
public final class TestTokens {
    public static final String ISSUER = "https://ecommerce-analytics/gateway";
    public static final String AUDIENCE = "ecommerce-analytics";

    private TestTokens() {
    }

    /** A valid token for a user of this role, carrying the role and every role below it. */
    public static String forRole(String role) {
        return claims("test-" + role, role).sign();
    }

    /** The claims of a valid token, to be altered before signing. */
    public static JwtClaimsBuilder claims(String user, String role) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(user).groups(new HashSet<>(Roles.groupsOf(role)))
                .issuedAt(now).expiresAt(now.plusSeconds(300));
    }

    public static String expired(String role) {
        Instant past = Instant.now().minusSeconds(3600);
        return claims("test-" + role, role).issuedAt(past).expiresAt(past.plusSeconds(60)).sign();
    }

    public static String withIssuer(String role, String issuer) {
        return claims("test-" + role, role).issuer(issuer).sign();
    }

    /** A valid admin token whose payload was swapped for a forged one after signing. */
    public static String tampered() {
        String[] parts = forRole(Roles.VIEWER).split("\\.");
        String forged = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"viewer\"", "\"admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "."
                + parts[2];
    }

    /** An unsigned token ({@code alg: none}) claiming admin. */
    public static String unsigned() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String payload = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                + "\",\"upn\":\"mallory\",\"groups\":[\"admin\"],\"exp\":" + (Instant.now().getEpochSecond() + 300)
                + "}").getBytes());
        return header + "." + payload + ".";
    }
}
