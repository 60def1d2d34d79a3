package io.ecomanalytics.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ecomanalytics.contracts.observability.AccessLog;
import io.ecomanalytics.contracts.problem.Problem;
import io.ecomanalytics.contracts.problem.RequestIds;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.gateway.audit.ExportAudit;
import io.ecomanalytics.gateway.auth.Revocations;
import io.ecomanalytics.gateway.auth.TokenService;
import io.ecomanalytics.gateway.ratelimit.Decision;
import io.ecomanalytics.gateway.ratelimit.RateLimits;
import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The front door, in front of every {@code /api} and {@code /auth} call: gives the call a request id, checks the bearer token
 * and the role the {@link RouteTable} asks for, takes a rate-limit token, then passes the call on to its backend or, for the
 * gateway's own routes, to the next handler. Refusals are problem+json.
 */
@ApplicationScoped
public class GatewayFilter {
    /** Tolerated difference between the issuer's clock and ours for {@code iat}. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final Set<String> AUTH_ROUTES = Set.of("/auth/token", "/auth/refresh");
    /**
     * Verified tokens by their exact text, until they expire: a client sends the same token for many calls, and checking its
     * RSA signature again each time is the gateway's largest CPU cost per call. Bounded by clearing when full.
     */
    private static final int VERIFIED_CACHE_SIZE = 10_000;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private final JWTParser parser;
    private final Revocations revocations;
    private final RateLimits rateLimits;
    private final BackendProxy proxy;
    private final ObjectMapper json;
    private final ExportAudit exports;

    public GatewayFilter(JWTParser parser, Revocations revocations, RateLimits rateLimits, BackendProxy proxy,
            ObjectMapper json, ExportAudit exports) {
        this.parser = parser;
        this.revocations = revocations;
        this.rateLimits = rateLimits;
        this.proxy = proxy;
        this.json = json;
        this.exports = exports;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(-10).handler(this::api);
        router.route("/auth/*").order(-10).handler(this::auth);
    }

    private void auth(RoutingContext ctx) {
        String requestId = assignRequestId(ctx);
        String path = ctx.request().path();
        String wrong = CanonicalPath.problem(path);
        if (wrong != null) {
            problem(ctx, 400, wrong, requestId);
            return;
        }
        if (!AUTH_ROUTES.contains(path) || !rateLimits.enabled()) {
            ctx.next();
            return;
        }
        ctx.request().pause();
        limit(ctx, java.util.Objects.requireNonNullElse(ClientAddress.of(ctx.request()), "unknown"), RateLimits.ANONYMOUS,
                RouteClass.AUTH, requestId).onSuccess(allowed -> {
                    if (allowed) {
                        ctx.request().resume();
                        ctx.next();
                    }
                });
    }

    private void api(RoutingContext ctx) {
        String requestId = assignRequestId(ctx);
        HttpServerRequest request = ctx.request();
        // the raw path: it is judged here and sent to the backend as it is, so both read the same route
        String path = request.path();
        String wrong = CanonicalPath.problem(path);
        if (wrong != null) {
            problem(ctx, 400, wrong, requestId);
            return;
        }
        List<String> formats;
        try {
            formats = formats(request);
        } catch (IllegalArgumentException e) {
            problem(ctx, 400, "the query string is not valid: " + e.getMessage(), requestId);
            return;
        }
        RouteTable.Route route = RouteTable.match(request.method().name(), path,
                String.join(",", request.headers().getAll("Accept")), formats).orElse(null);
        if (route == null) {
            problem(ctx, 404, "no route for " + path, requestId);
            return;
        }
        JsonWebToken token;
        try {
            Verified call = authenticate(request.getHeader("Authorization"));
            // checked on every call, cached tokens included: a revocation reaches every replica's copy within a refresh
            if (revocations.refuses(call.session(), call.userId(), call.tokenVersion())) {
                throw new ParseException("token revoked (logged out, user disabled or role changed); log in again");
            }
            token = call.token();
            ctx.put(AccessLog.USER_KEY, token.getName());
        } catch (ParseException e) {
            Log.debugf("refused token on %s: %s", path, e.getMessage());
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            problem(ctx, 401, e.getMessage(), requestId);
            return;
        }
        if (!token.getGroups().contains(route.role())) {
            problem(ctx, 403, "this route needs the role '" + route.role() + "'", requestId);
            return;
        }
        request.pause();
        Future<Boolean> allowed = rateLimits.enabled()
                ? limit(ctx, token.getName(), RateLimits.highestRole(token.getGroups()), route.routeClass(), requestId)
                : Future.succeededFuture(true);
        allowed.onSuccess(ok -> {
            if (!ok) {
                return;
            }
            if (route.local()) {
                request.resume();
                ctx.next();
                return;
            }
            proxy.forward(route, ctx, requestId).onComplete(done -> exports.ended(ctx, token.getName(), requestId,
                    done.succeeded())).onFailure(e -> backendFailed(ctx, route.backend(), e, requestId));
        });
    }

    /** The decoded values of every {@code format} query parameter, whatever the letter case of its name. */
    private static List<String> formats(HttpServerRequest request) {
        List<String> formats = new ArrayList<>();
        request.params().forEach(param -> {
            if (RouteTable.FORMAT.equalsIgnoreCase(param.getKey())) {
                formats.add(param.getValue());
            }
        });
        return formats;
    }

    /** The verified token of the call; a missing or malformed header is refused like a bad token. */
    private Verified authenticate(String authorization) throws ParseException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ParseException("a bearer token is required (Authorization: Bearer <token>)");
        }
        String raw = authorization.substring(7).strip();
        Verified cached = verified.get(raw);
        if (cached != null && cached.token().getExpirationTime() > Instant.now().getEpochSecond()) {
            return cached;
        }
        JsonWebToken token = parser.parse(raw);
        if (Instant.ofEpochSecond(token.getIssuedAtTime()).isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw new ParseException("token issued in the future");
        }
        if (token.getName() == null || token.getGroups().stream().noneMatch(Roles.ALL::contains)) {
            throw new ParseException("token names no user or role");
        }
        if (verified.size() >= VERIFIED_CACHE_SIZE) {
            verified.clear();
        }
        Verified call = Verified.of(token);
        verified.put(raw, call);
        return call;
    }

    /** A verified token with what the revocation check reads from it (tokens not issued by the gateway carry none). */
    private record Verified(JsonWebToken token, String session, long userId, int tokenVersion) {
        static Verified of(JsonWebToken token) {
            Object session = token.getClaim(TokenService.SESSION);
            Object version = token.getClaim(TokenService.VERSION);
            long userId;
            try {
                userId = token.getSubject() == null ? -1 : Long.parseLong(token.getSubject());
            } catch (NumberFormatException e) {
                userId = -1;
            }
            return new Verified(token,
                    session instanceof JsonString text ? text.getString() : session == null ? null : session.toString(),
                    userId, version instanceof JsonNumber number
                            ? number.intValue()
                            : version instanceof Number number ? number.intValue() : 0);
        }
    }

    /** Takes a rate-limit token; answers 429 (or 503 when Redis is down and the policy is fail-closed) and yields false. */
    private Future<Boolean> limit(RoutingContext ctx, String subject, String role, RouteClass routeClass,
            String requestId) {
        return rateLimits.take(subject, role, routeClass).map(decision -> {
            HttpServerResponse response = ctx.response();
            if (!decision.degraded()) {
                response.putHeader("X-RateLimit-Limit", Integer.toString(decision.limit()));
                response.putHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
                response.putHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
            }
            if (decision.allowed()) {
                return true;
            }
            refuse(ctx, decision, routeClass, requestId);
            return false;
        });
    }

    private void refuse(RoutingContext ctx, Decision decision, RouteClass routeClass, String requestId) {
        if (decision.degraded()) {
            problem(ctx, 503, "rate limiter unavailable; calls are refused until it is back", requestId);
            return;
        }
        ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, decision.resetSeconds())));
        problem(ctx, 429, "rate limit of " + decision.limit() + " " + routeClass.key() + " calls per period reached",
                requestId);
    }

    private void backendFailed(RoutingContext ctx, String backend, Throwable e, String requestId) {
        if (e instanceof BackendProxy.CallerGone || ctx.response().closed()) {
            Log.debugf("caller of backend %s went away before the answer was complete", backend);
            return;
        }
        if (ctx.response().headWritten()) {
            // the answer was already streaming: all that is left is to cut it
            Log.warnf("backend %s failed mid-response: %s", backend, e.toString());
            ctx.request().connection().close();
            return;
        }
        // the backend's Content-Length may have been copied before it failed: it does not describe the problem body
        ctx.response().headers().remove("Content-Length");
        if (e instanceof TimeoutException) {
            problem(ctx, 504, "backend '" + backend + "' did not answer in time", requestId);
            return;
        }
        if (e instanceof Bulkhead.Full full) {
            ctx.response().putHeader("Retry-After", "1");
            problem(ctx, 503, "too many " + full.bulkhead() + " calls in flight at this gateway; try again shortly",
                    requestId);
            return;
        }
        String why = e instanceof CircuitBreakerOpenException
                ? "its circuit is open after repeated failures"
                : e instanceof ConnectException ? "it refused the connection" : e.getMessage();
        Log.warnf("backend %s unavailable: %s", backend, e.toString());
        problem(ctx, 503, "backend '" + backend + "' is unavailable: " + why, requestId);
    }

    /** The call's request id, given by contracts' {@link AccessLog}, the first of the routes. */
    private static String assignRequestId(RoutingContext ctx) {
        return ctx.request().getHeader(RequestIds.HEADER);
    }

    private void problem(RoutingContext ctx, int status, String detail, String requestId) {
        String title = jakarta.ws.rs.core.Response.Status.fromStatusCode(status) == null
                ? "Error"
                : jakarta.ws.rs.core.Response.Status.fromStatusCode(status).getReasonPhrase();
        Problem body = new Problem("about:blank", title, status, detail, ctx.request().path(), null, requestId);
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.request().resume();
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(text);
    }
}
