package io.ecomanalytics.contracts.security;

import java.util.List;
import java.util.Optional;

/**
 * The platform's roles. They are cumulative: a token carries its role and every role below it in its {@code groups} claim, so
 * {@code @RolesAllowed(Roles.VIEWER)} admits analysts and admins too.
 */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";

    /** Lowest first. */
    public static final List<String> ALL = List.of(VIEWER, ANALYST, ADMIN);

    private Roles() {
    }

    /** The groups a token of this role carries: the role and every role below it. */
    public static List<String> groupsOf(String role) {
        int rank = ALL.indexOf(role);
        if (rank < 0) {
            throw new IllegalArgumentException("unknown role: " + role);
        }
        return ALL.subList(0, rank + 1);
    }

    public static Optional<String> parse(String role) {
        return role == null ? Optional.empty() : ALL.stream().filter(r -> r.equalsIgnoreCase(role.strip())).findFirst();
    }
}
