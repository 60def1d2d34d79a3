package io.ecomanalytics.contracts.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import io.smallrye.config.ConfigMapping;

/**
 * Where Redis is: {@code REDIS_HOST} and {@code REDIS_PORT} (defaults localhost:6379 in contracts'
 * {@code META-INF/microprofile-config.properties}); a bad value stops start-up with a message naming it.
 */
@ConfigMapping(prefix = "redis")
public interface RedisSettings {
    @NotBlank
    String host();

    @Min(1)
    @Max(65535)
    int port();
}
