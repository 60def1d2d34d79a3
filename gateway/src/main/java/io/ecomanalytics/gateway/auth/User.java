package io.ecomanalytics.gateway.auth;

import java.time.Instant;

/**
 * A user of the platform as stored in {@code auth.users}. {@code tokenVersion} is stamped into the user's access tokens and
 * raised when the user is disabled or changes role: tokens of an older version are refused.
 */
public record User(long id, String username, String passwordHash, String role, boolean enabled, Instant createdAt,
        int tokenVersion) {
}
