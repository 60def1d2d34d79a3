package io.ecomanalytics.contracts.problem;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request line or header block over the configured limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code quarkus.http.limits.max-header-size}) with 414 or 431 and a problem+json body, in every service.
 * <p>
 * Vert.x's HTTP decoder answers such requests itself with an empty body, and Quarkus 3.34 offers no hook into it (it never
 * calls {@code HttpServer#invalidRequestHandler}; quarkus#55082). So the decoder is given {@value #DECODER_HEADROOM} times the
 * configured limits, and the configured limits are enforced here, first among the routes, where the answer can have a body.
 * Only a request beyond the decoder's own limits still gets Vert.x's empty 414/431: that bounds what one connection can make
 * the decoder buffer.
 */
@Singleton
public class RequestLimits implements HttpServerOptionsCustomizer {
    /** How much longer a request line or header block the decoder accepts than the configured limits. */
    static final int DECODER_HEADROOM = 4;

    private volatile int maxInitialLine = HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH;
    private volatile int maxHeaderSize = HttpServerOptions.DEFAULT_MAX_HEADER_SIZE;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        widen(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        widen(options);
    }

    private void widen(HttpServerOptions options) {
        maxInitialLine = options.getMaxInitialLineLength();
        maxHeaderSize = options.getMaxHeaderSize();
        options.setMaxInitialLineLength(saturatedTimes(maxInitialLine));
        options.setMaxHeaderSize(saturatedTimes(maxHeaderSize));
    }

    private static int saturatedTimes(int limit) {
        return (int) Math.min(Integer.MAX_VALUE, (long) limit * DECODER_HEADROOM);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // as the decoder counts: "METHOD SP request-target SP HTTP/x.y", and "Name: value" per header line
        int initialLine = request.method().name().length() + request.uri().length() + 10;
        if (initialLine > maxInitialLine) {
            refuse(ctx, 414, "URI Too Long",
                    "the request line is " + initialLine + " bytes long; at most " + maxInitialLine + " are accepted");
            return;
        }
        long headers = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headers += header.getKey().length() + 2 + header.getValue().length();
        }
        if (headers > maxHeaderSize) {
            refuse(ctx, 431, "Request Header Fields Too Large",
                    "the request headers are " + headers + " bytes long; at most " + maxHeaderSize + " are accepted");
            return;
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, int status, String title, String detail) {
        String requestId = RequestIds.of(ctx.request().getHeader(RequestIds.HEADER));
        // no instance: the path may be the very thing that is too long
        Problem problem = new Problem("about:blank", title, status, detail, null, null, requestId);
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId)
                .putHeader("Connection", "close")
                .end(Json.encode(problem));
    }
}
