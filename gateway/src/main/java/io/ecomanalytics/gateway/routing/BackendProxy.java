package io.ecomanalytics.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import io.ecomanalytics.contracts.problem.RequestIds;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.RoutingContext;

/**
 * Passes a call on to its backend and streams the answer back chunk by chunk (server-sent events arrive as the backend writes
 * them). Each route class has a bulkhead (calls in flight at once; one more is refused with 503) and, per backend, a circuit
 * breaker of its own that counts only connection failures: slow heavy calls never turn away cheap reads. A GET or HEAD is tried
 * again only after a connection failure. A backend that sends no response headers within the response timeout, or whose caller
 * leaves first, has its request reset, so it sees its caller is gone and can cancel its work.
 */
@ApplicationScoped
public class BackendProxy {
    /** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not passed on. */
    private static final Set<String> HOP_BY_HOP = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    static {
        HOP_BY_HOP.addAll(List.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
                "trailer", "transfer-encoding", "upgrade", "host"));
    }

    private final Vertx vertx;
    private final Map<String, Backend> backends = new HashMap<>();
    private final Map<RouteClass, Bulkhead> bulkheads = new EnumMap<>(RouteClass.class);
    /** Event streams hold their backend connection for as long as they are read: they have places of their own. */
    private final Bulkhead streams;
    private final int getRetries;
    private final long responseTimeoutMillis;
    private final Counter retries;

    public BackendProxy(Vertx vertx, GatewayConfig config, MeterRegistry meters) {
        GatewayConfig.Proxy proxy = config.proxy();
        this.vertx = vertx;
        this.getRetries = proxy.getRetries();
        this.responseTimeoutMillis = proxy.responseTimeout().toMillis();
        this.retries = Counter.builder("gateway.proxy.retries")
                .description("GET/HEAD calls tried again after a connection failure").register(meters);
        bulkheads.put(RouteClass.READS, new Bulkhead(RouteClass.READS.key(), proxy.bulkhead().reads()));
        bulkheads.put(RouteClass.HEAVY, new Bulkhead(RouteClass.HEAVY.key(), proxy.bulkhead().heavy()));
        bulkheads.put(RouteClass.ADMIN, new Bulkhead(RouteClass.ADMIN.key(), proxy.bulkhead().admin()));
        streams = new Bulkhead("event-stream", proxy.bulkhead().streams());
        bulkheads.values().forEach(b -> Gauge.builder("gateway.proxy.in.flight", b, Bulkhead::inFlight)
                .description("Proxied calls in flight by bulkhead").tag("bulkhead", b.name()).register(meters));
        Gauge.builder("gateway.proxy.in.flight", streams, Bulkhead::inFlight).tag("bulkhead", streams.name())
                .register(meters);
        // the bulkheads bound the calls; the pool never does
        int connections = proxy.bulkhead().reads() + proxy.bulkhead().heavy() + proxy.bulkhead().admin()
                + proxy.bulkhead().streams();
        config.backends().forEach((name, backend) -> {
            Map<RouteClass, TypedGuard<CompletionStage<HttpClientResponse>>> circuits = new EnumMap<>(RouteClass.class);
            bulkheads.keySet().forEach(routeClass -> circuits.put(routeClass, circuit(name, routeClass, proxy)));
            backends.put(name, new Backend(name, URI.create(backend.url()),
                    vertx.createHttpClient(new HttpClientOptions()
                            .setConnectTimeout((int) proxy.connectTimeout().toMillis())
                            .setMaxPoolSize(connections)
                            .setKeepAlive(true)),
                    circuits));
        });
    }

    private static TypedGuard<CompletionStage<HttpClientResponse>> circuit(String backend, RouteClass routeClass,
            GatewayConfig.Proxy proxy) {
        String name = "backend-" + backend + "-" + routeClass.key();
        return TypedGuard.create(new TypeLiteral<CompletionStage<HttpClientResponse>>() {
        })
                .withThreadOffload(false)
                .withCircuitBreaker().name(name)
                // slow answers and timeouts are the bulkhead's business: only a backend that cannot be reached opens it
                .when(BackendProxy::connectionFailed)
                .requestVolumeThreshold(proxy.circuitRequestVolume())
                .failureRatio(proxy.circuitFailureRatio())
                .delay(proxy.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(proxy.circuitSuccessThreshold())
                .onStateChange(state -> Log.infof("circuit %s is now %s", name, state))
                .done()
                .build();
    }

    /** Refused connections, connections reset or closed before the answer: the backend could not be reached. */
    static boolean connectionFailed(Throwable e) {
        return e instanceof ConnectException || e instanceof HttpClosedException || e instanceof IOException;
    }

    /** The base URL of a backend, or null when none of that name is configured. */
    public URI url(String backend) {
        Backend b = backends.get(backend);
        return b == null ? null : b.url();
    }

    /**
     * Sends the call to the route's backend and, once its response headers are in, streams its body back. Fails (without having
     * written anything) when the route class's bulkhead is full ({@link Bulkhead.Full}), the backend cannot be reached, times
     * out ({@link TimeoutException}) or its circuit is open.
     */
    public Future<Void> forward(RouteTable.Route route, RoutingContext ctx, String requestId) {
        Backend backend = backends.get(route.backend());
        if (backend == null) {
            return Future.failedFuture(new IllegalStateException("no backend " + route.backend() + " configured"));
        }
        Bulkhead bulkhead = bulkheads.get(route.routeClass());
        if (!bulkhead.tryEnter()) {
            return Future.failedFuture(new Bulkhead.Full(bulkhead.name()));
        }
        Permit permit = new Permit(bulkhead);
        Call call = new Call();
        // the place is given back when the answer has ended or the caller has gone, whichever comes first
        ctx.addEndHandler(ended -> {
            permit.release();
            if (ended.failed()) {
                call.abandon(new CallerGone());
            }
        });
        if (ctx.response().closed()) {
            // the caller left while the call waited (for its rate-limit decision): the end handlers have already run, and
            // one added now never would
            permit.release();
            return Future.failedFuture(new CallerGone());
        }
        HttpServerRequest in = ctx.request();
        TypedGuard<CompletionStage<HttpClientResponse>> circuit = backend.circuits().get(route.routeClass());
        boolean idempotent = in.method() == HttpMethod.GET || in.method() == HttpMethod.HEAD;
        Future<HttpClientResponse> response = attempt(backend, circuit, in, requestId, idempotent, call);
        for (int i = 0; idempotent && i < getRetries; i++) {
            response = response.recover(e -> {
                if (!connectionFailed(e) || call.abandoned()) {
                    return Future.failedFuture(e);
                }
                retries.increment();
                return attempt(backend, circuit, in, requestId, true, call);
            });
        }
        // ... and in any case once the call is over: a caller's hang-up does not always reach the end handlers (one that came
        // before them was seen to leave its place taken for good)
        return response.compose(answer -> {
            if (isEventStream(answer) && !permit.moveTo(streams)) {
                answer.request().reset();
                return Future.failedFuture(new Bulkhead.Full(streams.name()));
            }
            HttpServerResponse out = in.response();
            out.setStatusCode(answer.statusCode());
            copyHeaders(answer.headers(), out.headers());
            if (!out.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                out.setChunked(true);
            }
            out.putHeader(RequestIds.HEADER, requestId);
            // asked before the pipe starts: once the answer has ended, asking throws
            Future<Void> ended = answer.end();
            return answer.pipeTo(new Caller(out, answer)).onFailure(e -> {
                // The caller went away mid-answer. The pipe then reads the rest of the answer and drops it, which gives
                // a bounded answer's connection back to the pool. An event stream never ends: cut it. Never reset other
                // answers: one that has arrived whole may already be on its connection's next call.
                if (isEventStream(answer) && !ended.isComplete()) {
                    answer.request().reset();
                }
            });
        }).onComplete(over -> permit.release());
    }

    private static Future<HttpClientResponse> attempt(Backend backend,
            TypedGuard<CompletionStage<HttpClientResponse>> circuit, HttpServerRequest in, String requestId,
            boolean withoutBody, Call call) {
        CompletionStage<HttpClientResponse> guarded;
        try {
            guarded = circuit.call(() -> call.send(backend, in, requestId, withoutBody).toCompletionStage());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
        return Future.fromCompletionStage(guarded);
    }

    private static void copyRequestHeaders(HttpServerRequest in, HttpClientRequest out, String requestId) {
        copyHeaders(in.headers(), out.headers());
        out.putHeader(RequestIds.HEADER, requestId);
        String address = ClientAddress.of(in);
        String forwardedFor = in.getHeader("X-Forwarded-For");
        if (address != null) {
            out.putHeader("X-Forwarded-For", forwardedFor == null ? address : forwardedFor + ", " + address);
        }
        out.putHeader("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
        if (in.authority() != null) {
            out.putHeader("X-Forwarded-Host", in.authority().toString());
        }
    }

    private static boolean isEventStream(HttpClientResponse answer) {
        String type = answer.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "text/event-stream", 0, "text/event-stream".length());
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey())) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    /**
     * The caller's response as the pipe's end, passing the answer's trailers on. Vert.x's response throws from
     * {@code writeQueueFull} once its connection has closed or it has ended (a failed answer's connection is closed after its
     * end), which the pipe does not expect; here a departed caller's queue is never full, and its writes fail quietly.
     */
    private record Caller(HttpServerResponse response, HttpClientResponse answer) implements WriteStream<Buffer> {
        @Override
        public Future<Void> write(Buffer data) {
            return response.closed() || response.ended()
                    ? Future.failedFuture(new HttpClosedException("the caller went away"))
                    : response.write(data);
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            write(data).onComplete(handler);
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            // a streamed export's row count follows its last row as a trailer
            if (!response.ended() && !response.closed() && response.isChunked()) {
                response.trailers().addAll(answer.trailers());
            }
            response.end().onComplete(handler);
        }

        @Override
        public boolean writeQueueFull() {
            return !response.closed() && !response.ended() && response.writeQueueFull();
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            response.setWriteQueueMaxSize(maxSize);
            return this;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            response.drainHandler(handler);
            return this;
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            response.exceptionHandler(handler);
            return this;
        }
    }

    /**
     * One proxied call's attempts at its backend. Reset when the caller leaves or the response timeout fires before the
     * response headers are in; after that, nothing is tried again. Used on the caller's event loop only.
     */
    private final class Call {
        private Promise<HttpClientResponse> answer;
        private HttpClientRequest request;
        private Throwable abandoned;

        boolean abandoned() {
            return abandoned != null;
        }

        /** Gives up the call: the attempt in flight fails with {@code why} and its request is reset (its connection closed). */
        void abandon(Throwable why) {
            if (abandoned == null) {
                abandoned = why;
                if (answer != null && answer.tryFail(why) && request != null) {
                    request.reset(0, why);
                }
            }
        }

        Future<HttpClientResponse> send(Backend backend, HttpServerRequest in, String requestId, boolean withoutBody) {
            Promise<HttpClientResponse> attempt = Promise.promise();
            answer = attempt;
            request = null;
            long timer = vertx.setTimer(responseTimeoutMillis, t -> abandon(new TimeoutException(
                    "backend '" + backend.name() + "' sent no response headers within " + responseTimeoutMillis + " ms")));
            attempt.future().onComplete(done -> vertx.cancelTimer(timer));
            RequestOptions options = new RequestOptions().setMethod(in.method())
                    .setHost(backend.url().getHost()).setPort(backend.url().getPort())
                    // exactly the path the route table judged, with the raw query
                    .setURI(backend.url().getRawPath().replaceAll("/$", "") + in.path()
                            + (in.query() == null ? "" : "?" + in.query()));
            backend.client().request(options).onComplete(opened -> {
                if (opened.failed()) {
                    attempt.tryFail(opened.cause());
                    return;
                }
                HttpClientRequest out = opened.result();
                // failures reach the caller through the futures; a reset the gateway chose is not an error to log
                out.exceptionHandler(e -> Log.debugf("request to backend %s ended: %s", backend.name(), e));
                if (attempt.future().isComplete()) {
                    out.reset(0, abandoned);
                    return;
                }
                request = out;
                copyRequestHeaders(in, out, requestId);
                Future<HttpClientResponse> sent;
                if (withoutBody) {
                    // a GET has no body; resuming lets its end be read so the keep-alive connection moves on
                    in.resume();
                    sent = out.send();
                } else {
                    sent = out.send(in);
                }
                // the circuit hands the response over on a later turn of the event loop: hold its body until it is piped
                sent.onComplete(result -> {
                    if (result.succeeded()) {
                        attempt.tryComplete(result.result().pause());
                    } else {
                        attempt.tryFail(result.cause());
                    }
                });
            });
            return attempt.future();
        }
    }

    /** The caller left before the backend's answer: not the backend's failure, so not counted by its circuit. */
    static final class CallerGone extends RuntimeException {
        CallerGone() {
            super("the caller went away before the answer", null, false, false);
        }
    }

    /** A call's place in a bulkhead; an event stream's moves to the streams' bulkhead once its answer shows what it is. */
    private static final class Permit {
        private final AtomicReference<Bulkhead> held;

        Permit(Bulkhead bulkhead) {
            held = new AtomicReference<>(bulkhead);
        }

        boolean moveTo(Bulkhead other) {
            if (!other.tryEnter()) {
                return false;
            }
            Bulkhead before = held.getAndSet(other);
            if (before != null) {
                before.leave();
            }
            return true;
        }

        void release() {
            Bulkhead before = held.getAndSet(null);
            if (before != null) {
                before.leave();
            }
        }
    }

    private record Backend(String name, URI url, HttpClient client,
            Map<RouteClass, TypedGuard<CompletionStage<HttpClientResponse>>> circuits) {
    }
}
