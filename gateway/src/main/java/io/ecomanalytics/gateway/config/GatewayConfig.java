package io.ecomanalytics.gateway.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The gateway's own settings. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Lifetime of an access token. */
    @WithName("access-token-ttl")
    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /** The first admin's user name, created at start-up when no admin exists. */
    @WithName("admin-username")
    @WithDefault("admin")
    String adminUsername();

    /**
     * The first admin's password ({@code ADMIN_PASSWORD}). When absent a random one is generated and logged once.
     */
    @WithName("admin-password")
    Optional<String> adminPassword();
}
