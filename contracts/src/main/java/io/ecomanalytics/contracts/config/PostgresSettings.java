package io.ecomanalytics.contracts.config;

import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import io.smallrye.config.ConfigMapping;

/**
 * Where PostgreSQL is: {@code POSTGRES_HOST}, {@code POSTGRES_PORT}, {@code POSTGRES_DB}, {@code POSTGRES_USER},
 * {@code POSTGRES_PASSWORD}. Defaults (localhost:5432, database {@code ecommerce}, user {@code postgres}) are in contracts'
 * {@code META-INF/microprofile-config.properties}; a value of the wrong type or out of range stops start-up with a message
 * naming the variable.
 */
@ConfigMapping(prefix = "postgres")
public interface PostgresSettings {
    @NotBlank
    String host();

    @Min(1)
    @Max(65535)
    int port();

    @NotBlank
    String db();

    @NotBlank
    String user();

    Optional<String> password();
}
