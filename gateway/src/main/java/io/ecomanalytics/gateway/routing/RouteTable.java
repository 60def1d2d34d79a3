package io.ecomanalytics.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.ecomanalytics.contracts.security.Roles;

/**
 * The one place that says which role may call which route, which backend serves it and which rate-limit bucket it draws from.
 * Rules are tried in order; the first whose method and path match wins. A path under {@code /api/v1} that no rule names needs
 * {@code admin}: a new backend route is closed until it is listed here.
 */
public final class RouteTable {
    /** The gateway itself answers these (the users API). */
    public static final String LOCAL = "gateway";

    /** CSV exports are analyst material whatever the route. */
    public static final String CSV = "text/csv";

    private static final Set<String> ANY = Set.of();
    private static final Set<String> READ = Set.of("GET", "HEAD");

    private static final Map<String, String> BACKEND_BY_SEGMENT = Map.of(
            "simulations", "simulator", "imports", "simulator", "streams", "simulator", "data-quality", "simulator",
            "simulator", "simulator", "analytics", "analytics", "metrics", "metrics", "users", LOCAL);

    private static final List<Rule> RULES = List.of(
            rule(ANY, "/api/v1/users(/.*)?", Roles.ADMIN, RouteClass.ADMIN),
            rule(ANY, "/api/v1/[^/]+/info", Roles.ADMIN, RouteClass.ADMIN),
            rule(ANY, "/api/v1/(simulations|imports|streams|data-quality|simulator)(/.*)?", Roles.ADMIN,
                    RouteClass.ADMIN),
            rule(Set.of("POST"), "/api/v1/metrics/rebuild(/.*)?", Roles.ADMIN, RouteClass.ADMIN),
            rule(ANY, "/api/v1/metrics/reconcile(/.*)?", Roles.ADMIN, RouteClass.ADMIN),
            rule(READ, "/api/v1/metrics(/.*)?", Roles.VIEWER, RouteClass.READS),
            rule(READ, "/api/v1/analytics/(forecast|anomalies|customers/ltv)(/.*)?", Roles.ANALYST, RouteClass.HEAVY),
            rule(READ, "/api/v1/analytics/(cohorts|customers/rfm)(/.*)?", Roles.VIEWER, RouteClass.HEAVY),
            rule(READ, "/api/v1/analytics/(financial|products|geo)(/.*)?", Roles.VIEWER, RouteClass.READS));

    private RouteTable() {
    }

    /**
     * The route of a call, or empty when the path is not an {@code /api/v1/<service>} path the gateway knows.
     *
     * @param accept
     *            the {@code Accept} header (may be null): asking for CSV needs at least {@code analyst}
     */
    public static Optional<Route> match(String method, String path, String accept) {
        String[] segments = path.split("/", 5);
        if (segments.length < 4 || !"api".equals(segments[1]) || !"v1".equals(segments[2])) {
            return Optional.empty();
        }
        String backend = BACKEND_BY_SEGMENT.get(segments[3]);
        if (backend == null) {
            return Optional.empty();
        }
        Rule rule = RULES.stream().filter(r -> r.matches(method, path)).findFirst().orElse(null);
        String role = rule == null ? Roles.ADMIN : rule.role();
        RouteClass routeClass = rule == null ? RouteClass.ADMIN : rule.routeClass();
        if (accept != null && accept.contains(CSV) && rank(role) < rank(Roles.ANALYST)) {
            role = Roles.ANALYST;
        }
        return Optional.of(new Route(backend, role, routeClass));
    }

    private static int rank(String role) {
        return Roles.ALL.indexOf(role);
    }

    private static Rule rule(Set<String> methods, String path, String role, RouteClass routeClass) {
        return new Rule(methods, Pattern.compile(path), role, routeClass);
    }

    /** Where a call goes, the role it needs, and its rate-limit class. */
    public record Route(String backend, String role, RouteClass routeClass) {
        public boolean local() {
            return LOCAL.equals(backend);
        }
    }

    private record Rule(Set<String> methods, Pattern path, String role, RouteClass routeClass) {
        boolean matches(String method, String candidate) {
            return (methods.isEmpty() || methods.contains(method)) && path.matcher(candidate).matches();
        }
    }
}
