package io.ecomanalytics.contracts.observability;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.ecomanalytics.contracts.problem.RequestIds;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Follows one request through the logs, in every service and the gateway: first among the routes, it gives the call its request
 * id (the caller's {@code X-Request-Id} when it is a plain token, else a new one), puts it in the logging context of the
 * request — every line written while serving it carries it, on the event loop and on the worker thread alike, as Quarkus keeps
 * the MDC in the request's Vert.x context — and returns it in the response header. When the answer is complete it writes one
 * access line (logger {@value #CATEGORY}): method, route template, status, duration, user and request id, each also a field of
 * the JSON log line.
 */
@Singleton
public class AccessLog {
    /** The logger of the access lines. */
    public static final String CATEGORY = "access";
    /** Set by a component that knows the caller better than the security layer (the gateway's own token check). */
    public static final String USER_KEY = "access.user";

    private static final Logger LOG = Logger.getLogger(CATEGORY);
    /** The keys under which Quarkus's OpenTelemetry puts the trace context into the logging context. */
    private static final String[] TRACE_KEYS = {"traceId", "spanId", "sampled"};
    /** Where Quarkus REST leaves the template of the matched resource method (its observability handler). */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::begin);
    }

    private void begin(RoutingContext ctx) {
        long started = System.nanoTime();
        HttpServerRequest request = ctx.request();
        String id = RequestIds.of(request.getHeader(RequestIds.HEADER));
        // whatever reads the header later (the JAX-RS filters, the gateway's proxy) sees the same id
        request.headers().set(RequestIds.HEADER, id);
        ctx.response().putHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        Context context = Vertx.currentContext();
        // the trace context OpenTelemetry gave the request: an end handler may run outside the request's own context, whose
        // logging context would then lack it (the gateway's proxied answers did)
        String[] trace = {(String) MDC.get(TRACE_KEYS[0]), (String) MDC.get(TRACE_KEYS[1]), (String) MDC.get(TRACE_KEYS[2])};
        ctx.addEndHandler(ended -> {
            Object template = context == null ? null : context.getLocal(URL_PATH_TEMPLATE);
            String route = template == null ? request.path() : template.toString();
            long millis = (System.nanoTime() - started) / 1_000_000;
            // Answered is what the caller got whole: an ended response. The end handlers' own verdict is not enough: over
            // HTTP/2, a stream that closes as its last frame is written (an answer written on the event loop, as the
            // gateway's proxy does) reports "connection closed" before it reports the end.
            boolean answered = ended.succeeded() || ctx.response().ended();
            int status = answered ? ctx.response().getStatusCode() : 499;
            MDC.put(RequestIds.MDC_KEY, id);
            MDC.put("method", request.method().name());
            MDC.put("route", route);
            MDC.put("status", Integer.toString(status));
            MDC.put("durationMs", Long.toString(millis));
            List<String> added = new ArrayList<>(List.of("method", "route", "status", "durationMs", "user"));
            for (int i = 0; i < TRACE_KEYS.length; i++) {
                if (trace[i] != null && MDC.get(TRACE_KEYS[i]) == null) {
                    MDC.put(TRACE_KEYS[i], trace[i]);
                    added.add(TRACE_KEYS[i]);
                }
            }
            String user = user(ctx);
            if (user != null) {
                MDC.put("user", user);
            }
            LOG.infof("%s %s %d %d ms%s", request.method().name(), route, status, millis,
                    answered ? "" : " (the caller went away: " + ended.cause().getMessage() + ")");
            added.forEach(MDC::remove);
        });
        ctx.next();
    }

    private static String user(RoutingContext ctx) {
        Object given = ctx.get(USER_KEY);
        if (given != null) {
            return given.toString();
        }
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity().getPrincipal().getName();
        }
        return null;
    }
}
