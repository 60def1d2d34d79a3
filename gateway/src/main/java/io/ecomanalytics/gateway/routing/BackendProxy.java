package io.ecomanalytics.gateway.routing;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.ecomanalytics.contracts.problem.RequestIds;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;

/**
 * Passes a call on to its backend and streams the answer back chunk by chunk (server-sent events arrive as the backend writes
 * them). Each backend has its own connection pool and circuit breaker; a GET that could not connect is tried again.
 */
@ApplicationScoped
public class BackendProxy {
    /** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not passed on. */
    private static final Set<String> HOP_BY_HOP = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    static {
        HOP_BY_HOP.addAll(List.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
                "trailer", "transfer-encoding", "upgrade", "host"));
    }

    private final Map<String, Backend> backends = new HashMap<>();
    private final int getRetries;

    public BackendProxy(Vertx vertx, GatewayConfig config) {
        GatewayConfig.Proxy proxy = config.proxy();
        this.getRetries = proxy.getRetries();
        config.backends().forEach((name, backend) -> backends.put(name, new Backend(name, URI.create(backend.url()),
                vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) proxy.connectTimeout().toMillis())
                        .setMaxPoolSize(proxy.maxConnections())
                        .setKeepAlive(true)),
                TypedGuard.create(new TypeLiteral<CompletionStage<HttpClientResponse>>() {
                })
                        .withThreadOffload(false)
                        .withTimeout().duration(proxy.responseTimeout().toMillis(), ChronoUnit.MILLIS).done()
                        .withCircuitBreaker().name("backend-" + name)
                        .requestVolumeThreshold(proxy.circuitRequestVolume())
                        .failureRatio(proxy.circuitFailureRatio())
                        .delay(proxy.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                        .successThreshold(proxy.circuitSuccessThreshold())
                        .onStateChange(state -> Log.infof("circuit of backend %s is now %s", name, state))
                        .done()
                        .build())));
    }

    /** The base URL of a backend, or null when none of that name is configured. */
    public URI url(String backend) {
        Backend b = backends.get(backend);
        return b == null ? null : b.url();
    }

    /**
     * Sends the call to the backend and, once its response headers are in, streams its body back. Fails (without having written
     * anything) when the backend cannot be reached, times out or its circuit is open.
     */
    public Future<Void> forward(String backendName, HttpServerRequest in, String requestId) {
        Backend backend = backends.get(backendName);
        if (backend == null) {
            return Future.failedFuture(new IllegalStateException("no backend " + backendName + " configured"));
        }
        boolean idempotent = in.method() == HttpMethod.GET || in.method() == HttpMethod.HEAD;
        Future<HttpClientResponse> response = attempt(backend, in, requestId, idempotent);
        for (int i = 0; idempotent && i < getRetries; i++) {
            response = response.recover(e -> e instanceof CircuitBreakerOpenException
                    ? Future.failedFuture(e)
                    : attempt(backend, in, requestId, true));
        }
        return response.compose(answer -> {
            HttpServerResponse out = in.response();
            out.setStatusCode(answer.statusCode());
            copyHeaders(answer.headers(), out.headers());
            if (!out.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                out.setChunked(true);
            }
            out.putHeader(RequestIds.HEADER, requestId);
            return answer.pipeTo(new Caller(out)).onFailure(e -> {
                // The caller went away mid-answer. The pipe then reads the rest of the answer and drops it, which gives
                // a bounded answer's connection back to the pool. An event stream never ends: cut it. Never reset other
                // answers: one that has arrived whole may already be on its connection's next call, and closing that
                // call would count against the backend's circuit.
                if (isEventStream(answer) && !answer.end().isComplete()) {
                    answer.request().reset();
                }
            });
        });
    }

    private Future<HttpClientResponse> attempt(Backend backend, HttpServerRequest in, String requestId,
            boolean withoutBody) {
        CompletionStage<HttpClientResponse> guarded;
        try {
            guarded = backend.guard().call(() -> send(backend, in, requestId, withoutBody).toCompletionStage());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
        return Future.fromCompletionStage(guarded);
    }

    private static Future<HttpClientResponse> send(Backend backend, HttpServerRequest in, String requestId,
            boolean withoutBody) {
        RequestOptions options = new RequestOptions().setMethod(in.method())
                .setHost(backend.url().getHost()).setPort(backend.url().getPort())
                .setURI(backend.url().getRawPath().replaceAll("/$", "") + in.path()
                        + (in.query() == null ? "" : "?" + in.query()));
        return backend.client().request(options).compose(out -> {
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
            Future<HttpClientResponse> sent;
            if (withoutBody) {
                // a GET has no body; resuming lets its end be read so the keep-alive connection moves on
                in.resume();
                sent = out.send();
            } else {
                sent = out.send(in);
            }
            // the guard hands the response over on a later turn of the event loop: hold its body until it is piped
            return sent.map(response -> response.pause());
        });
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
     * The caller's response as the pipe's end. Vert.x's response throws from {@code writeQueueFull} once its connection has
     * closed, which the pipe does not expect; here a departed caller's queue is never full, and its writes fail quietly.
     */
    private record Caller(HttpServerResponse response) implements WriteStream<Buffer> {
        @Override
        public Future<Void> write(Buffer data) {
            return response.closed()
                    ? Future.failedFuture(new HttpClosedException("the caller went away"))
                    : response.write(data);
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            write(data).onComplete(handler);
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            response.end().onComplete(handler);
        }

        @Override
        public boolean writeQueueFull() {
            return !response.closed() && response.writeQueueFull();
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

    private record Backend(String name, URI url, HttpClient client,
            TypedGuard<CompletionStage<HttpClientResponse>> guard) {
    }
}
