package io.ecomanalytics.gateway.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ecomanalytics.contracts.security.Roles;

/**
 * The one place that says which role may call which route, which backend serves it and which rate-limit bucket it draws from.
 * Rules are tried in order; the first whose method and path match wins. A path under {@code /api/v1} that no rule names needs
 * {@code admin}: a new backend route is closed until it is listed here. Each rule gives the role the backend's own
 * {@code @RolesAllowed} asks for. Paths are matched as they are sent to the backend, case-sensitively; {@link CanonicalPath}
 * has refused every other spelling before.
 */
public final class RouteTable {
    /** The gateway itself answers these (the users API). */
    public static final String LOCAL = "gateway";

    /** CSV exports are analyst material whatever the route. */
    public static final String CSV = "text/csv";

    /**
     * Media types of exports, and the range that selects one before JSON ({@code text/*} picks CSV where JSON is the
     * alternative).
     */
    public static final Set<String> EXPORT_MEDIA_TYPES = Set.of(CSV,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf", "text/*");

    /** The ranges that select JSON, every export-capable operation's first answer. */
    private static final Set<String> JSON_RANGES = Set.of("application/json", "application/*", "*/*");
    private static final Pattern QUALITY = Pattern.compile(";\\s*q\\s*=\\s*([0-9.]+)", Pattern.CASE_INSENSITIVE);

    /** Values of the {@code format} query parameter that ask for an export. */
    public static final Set<String> EXPORT_FORMATS = Set.of("csv", "xlsx", "pdf");

    /** The query parameter that names an export format. */
    public static final String FORMAT = "format";

    private static final Set<String> ANY = Set.of();
    private static final Set<String> READ = Set.of("GET", "HEAD");

    private static final Map<String, String> BACKEND_BY_SEGMENT = Map.ofEntries(Map.entry("simulations", "simulator"),
            Map.entry("imports", "simulator"), Map.entry("streams", "simulator"), Map.entry("data-quality", "simulator"),
            Map.entry("simulator", "simulator"), Map.entry("analytics", "analytics"), Map.entry("reports", "analytics"),
            Map.entry("metrics", "metrics"), Map.entry("users", LOCAL), Map.entry("platform", LOCAL),
            Map.entry("audit", LOCAL));

    private static final List<Rule> RULES = List.of(
            rule(ANY, "/api/v1/users(/.*)?", Roles.ADMIN, RouteClass.ADMIN),
            rule(ANY, "/api/v1/platform(/.*)?", Roles.ADMIN, RouteClass.ADMIN),
            rule(ANY, "/api/v1/audit(/.*)?", Roles.ADMIN, RouteClass.ADMIN),
            rule(ANY, "/api/v1/[^/]+/info", Roles.ADMIN, RouteClass.ADMIN),
            rule(ANY, "/api/v1/(simulations|imports|streams|data-quality|simulator)(/.*)?", Roles.ADMIN,
                    RouteClass.ADMIN),
            rule(Set.of("POST"), "/api/v1/metrics/rebuild(/.*)?", Roles.ADMIN, RouteClass.ADMIN),
            rule(READ, "/api/v1/metrics/reconcile(/.*)?", Roles.ANALYST, RouteClass.HEAVY),
            rule(READ, "/api/v1/metrics(/.*)?", Roles.VIEWER, RouteClass.READS),
            rule(READ, "/api/v1/analytics/(forecast|anomalies|customers/ltv)(/.*)?", Roles.ANALYST, RouteClass.HEAVY),
            rule(READ, "/api/v1/analytics/customers/[^/]+/ltv(/.*)?", Roles.ANALYST, RouteClass.HEAVY),
            rule(READ, "/api/v1/analytics/(cohorts|customers/rfm)(/.*)?", Roles.VIEWER, RouteClass.HEAVY),
            rule(READ, "/api/v1/analytics/(financial|products|geo)(/.*)?", Roles.VIEWER, RouteClass.READS),
            rule(READ, "/api/v1/reports(/.*)?", Roles.ANALYST, RouteClass.HEAVY));

    private RouteTable() {
    }

    /**
     * The route of a call, or empty when the path is not an {@code /api/v1/<service>} path the gateway knows.
     *
     * @param accept
     *            the {@code Accept} header (may be null): asking for an export needs at least {@code analyst}
     */
    public static Optional<Route> match(String method, String path, String accept) {
        return match(method, path, accept, List.of());
    }

    /**
     * The route of a call as the gateway judges it: method, canonical path, {@code Accept} (all its values joined with commas;
     * may be null) and the decoded values of the {@code format} query parameter. Either kind of export request needs at least
     * {@code analyst}.
     */
    public static Optional<Route> match(String method, String path, String accept, Collection<String> formats) {
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
        if (isExport(accept, formats) && rank(role) < rank(Roles.ANALYST)) {
            role = Roles.ANALYST;
        }
        return Optional.of(new Route(backend, role, routeClass));
    }

    /**
     * Whether a call asks for an export: by a {@code format} parameter, or by {@code Accept} as the backends negotiate it
     * ({@code ExportNegotiation}): the ranges by quality, then the more specific first, {@code q=0} refused; the first range
     * that selects JSON or a file decides. So {@code application/json, text/csv} (what generated clients send) is a JSON call
     * for a viewer, and {@code text/csv, application/json} an export. A backend refuses a file to a viewer itself as well.
     */
    static boolean isExport(String accept, Collection<String> formats) {
        for (String format : formats) {
            if (EXPORT_FORMATS.contains(format.strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        if (accept == null) {
            return false;
        }
        record Range(String type, double quality, int specificity) {
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : accept.split(",")) {
            int parameters = part.indexOf(';');
            String type = (parameters < 0 ? part : part.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
            Matcher q = QUALITY.matcher(parameters < 0 ? "" : part.substring(parameters));
            double quality = 1;
            if (q.find()) {
                try {
                    quality = Double.parseDouble(q.group(1));
                } catch (NumberFormatException e) {
                    quality = 1;
                }
            }
            int specificity = type.equals("*/*") ? 0 : type.endsWith("/*") ? 1 : 2;
            if (quality > 0) {
                ranges.add(new Range(type, quality, specificity));
            }
        }
        // stable: equal ranges keep the caller's order
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed()
                .thenComparing(Comparator.comparingInt(Range::specificity).reversed()));
        for (Range range : ranges) {
            if (JSON_RANGES.contains(range.type())) {
                return false;
            }
            if (EXPORT_MEDIA_TYPES.contains(range.type())) {
                return true;
            }
        }
        return false;
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
