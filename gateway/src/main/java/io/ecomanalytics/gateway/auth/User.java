package io.ecomanalytics.gateway.auth;

import java.time.Instant;

/** A user of the platform as stored in {@code auth.users}. */
public record User(long id, String username, String passwordHash, String role, boolean enabled, Instant createdAt) {
}
