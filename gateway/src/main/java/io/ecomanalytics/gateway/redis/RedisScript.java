package io.ecomanalytics.gateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * A Lua script run in Redis by its SHA: SCRIPT LOAD caches it in Redis (ahead of the first call where the owner preloads it),
 * EVALSHA runs it, and it is loaded again when Redis answers NOSCRIPT (Redis restarted or flushed its scripts). The caller says
 * how commands are sent (a pooled or a held connection).
 */
public final class RedisScript {
    private final String source;
    private volatile String sha;

    /** The script in a classpath resource, e.g. {@code /ratelimit/token-bucket.lua}. */
    public RedisScript(String resource) {
        this.source = read(resource);
    }

    /** Runs the script on these keys with these arguments. */
    public Future<Response> run(Function<Request, Future<Response>> send, List<String> keys, List<?> args) {
        String known = sha;
        if (known == null) {
            return load(send).compose(loaded -> evalsha(send, loaded, keys, args));
        }
        return evalsha(send, known, keys, args).recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
                ? load(send).compose(loaded -> evalsha(send, loaded, keys, args))
                : Future.failedFuture(e));
    }

    /** Loads the script into Redis's script cache; its SHA is then used for every later call. */
    public Future<String> load(Function<Request, Future<Response>> send) {
        return send.apply(Request.cmd(Command.SCRIPT).arg("LOAD").arg(source)).map(loaded -> sha = loaded.toString());
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

    private static Future<Response> evalsha(Function<Request, Future<Response>> send, String script, List<String> keys,
            List<?> args) {
        Request request = Request.cmd(Command.EVALSHA).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(arg -> request.arg(arg.toString()));
        return send.apply(request);
    }

    private static String read(String resource) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
