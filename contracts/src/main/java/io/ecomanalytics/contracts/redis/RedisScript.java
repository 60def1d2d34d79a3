package io.ecomanalytics.contracts.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A Lua script run in Redis by its SHA-1, computed here: EVALSHA runs it, and when a Redis answers NOSCRIPT (it restarted,
 * flushed its scripts, or is a Redis Cluster node that never saw the script) the call is sent again as EVAL with the source,
 * which also caches the script in that node. SCRIPT LOAD is not relied on: on a cluster it reaches one node only, and the node
 * that holds a call's keys may be another one. The caller says how commands are sent (a pooled or a held connection, a
 * pipeline).
 */
public final class RedisScript {
    private final String source;
    private final String sha;

    private RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** The script in a classpath resource next to {@code owner}, e.g. {@code /ratelimit/token-bucket.lua}. */
    public static RedisScript fromResource(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script on these keys with these arguments: EVALSHA, then EVAL when Redis does not know the script. */
    public Future<Response> run(Function<Request, Future<Response>> send, List<String> keys, List<?> args) {
        return send.apply(withArgs(request(false, keys), args)).recover(e -> isNoScript(e)
                ? send.apply(withArgs(request(true, keys), args))
                : Future.failedFuture(e));
    }

    /**
     * Caches the script in the Redis that answers (on a cluster, one node), so a first burst of calls does not send the source
     * once each.
     */
    public Future<Void> load(Function<Request, Future<Response>> send) {
        return send.apply(Request.cmd(Command.SCRIPT).arg("LOAD").arg(source)).mapEmpty();
    }

    /**
     * A call of the script on these keys, its arguments still to be added: EVALSHA, or EVAL with the source (after Redis
     * answered NOSCRIPT to the EVALSHA).
     */
    public Request request(boolean withSource, List<String> keys) {
        Request request = withSource
                ? Request.cmd(Command.EVAL).arg(source)
                : Request.cmd(Command.EVALSHA).arg(sha);
        request.arg(keys.size());
        keys.forEach(request::arg);
        return request;
    }

    /** Whether Redis refused a call because it does not know the script. */
    public static boolean isNoScript(Throwable e) {
        return e != null && e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
    }

    /** Waits for a Redis answer on a thread that may block; a failure or no answer within the timeout is thrown. */
    public static <T> T await(Future<T> answer, Duration timeout) {
        try {
            return answer.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Redis within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Request withArgs(Request request, List<?> args) {
        args.forEach(arg -> request.arg(arg.toString()));
        return request;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }
}
