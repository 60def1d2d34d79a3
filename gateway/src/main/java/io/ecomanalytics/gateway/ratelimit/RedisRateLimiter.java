package io.ecomanalytics.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.ecomanalytics.contracts.redis.RedisScript;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Token buckets in Redis shared by every gateway replica: one Lua script reads, refills and takes a token atomically in
 * {@code ratelimit:{subject}:{class}} (the subject is a hash tag, so one subject's buckets live on one Redis Cluster node).
 * When Redis is unreachable (no connection, or no answer within the timeout) the caller's policy decides: the call is let
 * through (fail-open) or refused (fail-closed); either is counted and logged at most once per {@link #LOG_EVERY}. The timeout
 * is a guard against a Redis that hangs, not a latency budget: it runs on the same event loop as the calls it guards, so a
 * burst that keeps the loop busy delays the answer's handling as much as the timer's, and a short timeout would turn a busy
 * gateway into a fail-open one (admitting more than the limit).
 * <p>
 * The client's connection-less {@code send} leases a pooled connection for each command, so concurrent calls never share a
 * socket: one write and one read per decision on both ends, plus the pool's bookkeeping. Decisions taken on an event loop
 * instead share one open connection per event loop, on which the commands of concurrent calls are pipelined: Redis reads a
 * burst of them at once and answers in one write. A connection that fails or is closed is dropped, and the next call opens
 * another. (The Vert.x client pipelines on one connection but offers no per-event-loop holder: that is the part written here.)
 */
public class RedisRateLimiter {
    /** The name the shared connections carry in Redis's {@code CLIENT LIST}. */
    static final String CONNECTION_NAME = "gateway-ratelimit";
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Redis redis;
    private final long periodMillis;
    private final long timeoutMillis;
    private final Counter letThrough;
    private final Counter refused;
    private final AtomicLong lastWarning = new AtomicLong();
    private final Map<Thread, Future<RedisConnection>> connections = new ConcurrentHashMap<>();
    private final RedisScript script = RedisScript.fromResource(RedisRateLimiter.class, "/ratelimit/token-bucket.lua");

    public RedisRateLimiter(Vertx vertx, Redis redis, Duration period, Duration timeout, MeterRegistry meters) {
        this.vertx = vertx;
        this.redis = redis;
        this.periodMillis = period.toMillis();
        this.timeoutMillis = timeout.toMillis();
        this.letThrough = unavailable(meters, "open");
        this.refused = unavailable(meters, "closed");
    }

    private static Counter unavailable(MeterRegistry meters, String policy) {
        return Counter.builder("gateway.ratelimit.redis.unavailable")
                .description("Rate-limit decisions taken without Redis (fail-open or fail-closed)")
                .tag("policy", policy).register(meters);
    }

    /** The Redis key of a subject's bucket for one route class. */
    public static String key(String subject, String routeClass) {
        return "ratelimit:{" + subject + "}:" + routeClass;
    }

    /**
     * Takes one token from the subject's bucket of this class, whose capacity is {@code limit} per period.
     *
     * @param failOpen
     *            whether the call goes on (true) or is refused (false) when Redis is unreachable
     */
    public Future<Decision> take(String subject, String routeClass, int limit, boolean failOpen) {
        Promise<Decision> result = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis,
                t -> result.tryComplete(degraded(limit, failOpen, "no answer within " + timeoutMillis + " ms")));
        evaluate(key(subject, routeClass), limit).onComplete(answer -> {
            vertx.cancelTimer(timer);
            if (answer.succeeded()) {
                Response r = answer.result();
                long resetMillis = r.get(2).toLong();
                result.tryComplete(new Decision(r.get(0).toInteger() == 1, limit, r.get(1).toLong(),
                        (resetMillis + 999) / 1000, false));
            } else {
                result.tryComplete(degraded(limit, failOpen, answer.cause().toString()));
            }
        });
        return result.future();
    }

    private Future<Response> evaluate(String key, int limit) {
        return script.run(this::send, List.of(key), List.of(limit, periodMillis));
    }

    /**
     * Loads the script into Redis ahead of the first call, so a first burst of calls does not send its source once each; a
     * failure is left to the first call to meet. On a Redis Cluster it reaches one node: the first call on each other node
     * sends the source once.
     */
    public Future<Void> preload() {
        return script.load(this::send)
                .onFailure(e -> Log.infof("rate-limit script not loaded at start (%s): the first call loads it", e));
    }

    private Future<Response> send(Request request) {
        Context caller = Vertx.currentContext();
        if (caller == null || !Context.isOnEventLoopThread()) {
            return redis.send(request);
        }
        Future<RedisConnection> connection = connection();
        if (connection.succeeded()) {
            // the connection completes the command's future on the calling context: the call's request context and
            // logging context stay its own
            return connection.result().send(request);
        }
        // opening: the command waits for the connection, and is sent (and answered) on the caller's context
        Promise<Response> answer = Promise.promise();
        connection.onComplete(opened -> caller.runOnContext(v -> (opened.succeeded()
                ? opened.result().send(request)
                : Future.<Response>failedFuture(opened.cause())).onComplete(answer)));
        return answer.future();
    }

    /** The open connection of this event loop, opened on first use or after the last one failed. */
    private Future<RedisConnection> connection() {
        Thread loop = Thread.currentThread();
        Future<RedisConnection> known = connections.get(loop);
        if (known != null && !known.failed()) {
            return known;
        }
        Future<RedisConnection> opened = redis.connect().compose(connection -> {
            connection.exceptionHandler(e -> drop(loop, connection)).endHandler(v -> drop(loop, connection));
            return connection.send(Request.cmd(Command.CLIENT).arg("SETNAME").arg(CONNECTION_NAME))
                    .map(connection)
                    .onFailure(e -> connection.close());
        });
        connections.put(loop, opened);
        return opened;
    }

    private void drop(Thread loop, RedisConnection connection) {
        connections.computeIfPresent(loop,
                (l, current) -> current.succeeded() && current.result() == connection ? null : current);
        connection.close();
    }

    private Decision degraded(int limit, boolean failOpen, String reason) {
        (failOpen ? letThrough : refused).increment();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == 0 || now - last >= LOG_EVERY.toNanos()) && lastWarning.compareAndSet(last, now)) {
            Log.warnf("rate limiter cannot reach Redis (%s): calls are %s", reason,
                    failOpen ? "let through (fail-open)" : "refused (fail-closed)");
        }
        return Decision.unknown(failOpen, limit);
    }
}
