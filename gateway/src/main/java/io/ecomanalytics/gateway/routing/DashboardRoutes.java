package io.ecomanalytics.gateway.routing;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ecomanalytics.contracts.problem.RequestIds;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the dashboard's static assets at {@code /} from the dashboard service, without a token (they hold no data: every
 * figure is fetched from {@code /api} with the user's token, where the role checks and rate limits apply). Only GET and HEAD of
 * the page itself, {@code /app/**} and the chart library's webjar are passed on, so nothing here can shadow {@code /api},
 * {@code /auth}, {@code /openapi} or {@code /q}. Each answer carries a Content-Security-Policy that lets the page run only its
 * own scripts.
 */
@ApplicationScoped
public class DashboardRoutes {
    /** The dashboard's own paths: the page, its modules and styles, and ECharts from its webjar. */
    static final List<String> PATHS = List.of("/", "/index.html", "/app/*", "/webjars/echarts/*");

    /**
     * Scripts, styles, images and calls only from this origin, never inline script; style attributes are allowed because
     * ECharts writes its tooltips with them. No framing, no plugins.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    /** Request headers the static files answer to (conditional and compressed answers); nothing else is passed on. */
    private static final List<String> REQUEST_HEADERS = List.of("Accept", "Accept-Encoding", "If-None-Match",
            "If-Modified-Since");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Length", "Content-Encoding",
            "ETag", "Last-Modified", "Cache-Control", "Vary");

    private final URI url;
    private final HttpClient client;

    public DashboardRoutes(Vertx vertx,
            @ConfigProperty(name = "dashboard.url", defaultValue = "http://localhost:8084") URI url,
            @ConfigProperty(name = "gateway.proxy.connect-timeout", defaultValue = "PT2S") java.time.Duration connectTimeout) {
        this.url = url;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true).setMaxPoolSize(20));
    }

    void install(@Observes Router router) {
        for (String path : PATHS) {
            router.route(HttpMethod.GET, path).order(-5).handler(this::forward);
            router.route(HttpMethod.HEAD, path).order(-5).handler(this::forward);
        }
    }

    private void forward(RoutingContext ctx) {
        String requestId = RequestIds.of(ctx.request().getHeader(RequestIds.HEADER));
        String path = ctx.normalizedPath();
        String query = ctx.request().query();
        RequestOptions options = new RequestOptions().setMethod(ctx.request().method()).setHost(url.getHost())
                .setPort(url.getPort()).setURI(path + (query == null ? "" : "?" + query)).setTimeout(30_000);
        for (String header : REQUEST_HEADERS) {
            String value = ctx.request().getHeader(header);
            if (value != null) {
                options.putHeader(header, value);
            }
        }
        options.putHeader(RequestIds.HEADER, requestId);
        ctx.request().pause();
        client.request(options).compose(request -> {
            ctx.request().resume();
            return request.send();
        }).onSuccess(answer -> {
            var response = ctx.response().setStatusCode(answer.statusCode());
            for (String header : RESPONSE_HEADERS) {
                String value = answer.getHeader(header);
                if (value != null) {
                    response.putHeader(header, value);
                }
            }
            if (answer.getHeader("Content-Length") == null) {
                response.setChunked(true);
            }
            securityHeaders(ctx, requestId);
            answer.pipeTo(response);
        }).onFailure(e -> {
            ctx.request().resume();
            Log.warnf("dashboard unavailable at %s: %s", url, e.toString());
            if (!ctx.response().headWritten()) {
                securityHeaders(ctx, requestId);
                ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .putHeader("Retry-After", "5")
                        .end("The dashboard is not available right now; the API still is. Try again in a moment.\n");
            }
        });
    }

    private static void securityHeaders(RoutingContext ctx, String requestId) {
        ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer")
                .putHeader(RequestIds.HEADER, requestId);
    }
}
