package io.ecomanalytics.contracts.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import io.smallrye.config.ConfigMapping;

/**
 * Where Redis is: {@code REDIS_HOST} and {@code REDIS_PORT} (defaults localhost:6379 in contracts'
 * {@code META-INF/microprofile-config.properties}), or a Redis Cluster: {@code REDIS_CLIENT_TYPE=cluster} with
 * {@code REDIS_HOSTS} naming some of its nodes. They set {@code quarkus.redis.client-type} and {@code quarkus.redis.hosts}; a
 * bad value stops start-up with a message naming it.
 */
@ConfigMapping(prefix = "redis")
public interface RedisSettings {
    @NotBlank
    String host();

    @Min(1)
    @Max(65535)
    int port();

    /** One Redis ({@code standalone}, the default) or a Redis Cluster ({@code cluster}). */
    ClientType clientType();

    /** The Redis URIs the client starts from, comma-separated; by default {@code redis://host:port}. */
    @NotBlank
    String hosts();

    enum ClientType {
        STANDALONE, CLUSTER
    }
}
