package io.ecomanalytics.metrics.service;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.problem.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Holds days while a rebuild replaces them ({@link MetricKeys#rebuilding}): the apply script writes nothing on a held day (its
 * events wait in the consumer and are applied once the day is written, deduplicated by the applied ids the rebuild wrote), and
 * a second rebuild of a held day waits. So no live event falls between a rebuild's SQL snapshot and its write, on any replica.
 * A rebuild releases its days in the same MULTI/EXEC that writes them; a hold expires after {@link #TTL}, so a rebuild that
 * died does not hold its days for ever.
 */
@ApplicationScoped
public class DayFences {
    /** Longer than a chunk's SQL aggregate may run (the pool's statement timeout, 25 s) plus its pipeline. */
    public static final Duration TTL = Duration.ofMinutes(2);

    /** How long a rebuild waits for days another rebuild holds before it gives up with 409. */
    static final Duration ACQUIRE_WAIT = Duration.ofSeconds(20);
    private static final long RETRY_MILLIS = 50;

    private static final String ACQUIRE = """
            for i = 1, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 1 then
                return 0
              end
            end
            for i = 1, #KEYS do
              redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
            end
            return 1
            """;
    private static final String RELEASE = """
            for i = 1, #KEYS do
              if redis.call('GET', KEYS[i]) == ARGV[1] then
                redis.call('DEL', KEYS[i])
              end
            end
            return 0
            """;

    private final Redis redis;
    private final MetricKeys keys;

    public DayFences(Redis redis, MetricKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Holds every day of {@code days} at once, waiting while another rebuild holds any of them.
     *
     * @return the hold's token, for {@link #release}
     * @throws ApiException
     *             409 when the days stayed held for {@link #ACQUIRE_WAIT}
     */
    public String acquire(List<LocalDate> days) {
        String token = UUID.randomUUID().toString();
        long giveUpAt = System.nanoTime() + ACQUIRE_WAIT.toNanos();
        while (!tryAcquire(days, token)) {
            if (System.nanoTime() - giveUpAt > 0) {
                throw ApiException.conflict("another rebuild holds some of the days " + days.get(0) + ".."
                        + days.get(days.size() - 1) + "; try again when it has ended");
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for another rebuild", e);
            }
        }
        return token;
    }

    /** Releases the days still held under {@code token} (after a failed rebuild; a written day was released by its write). */
    public void release(List<LocalDate> days, String token) {
        if (!keys.hashTags()) {
            redis.send(script(RELEASE, days).arg(token)).await().indefinitely();
            return;
        }
        eachDay(days, day -> script(RELEASE, List.of(day)).arg(token));
    }

    /**
     * Holds every day or none. Without hash tags one script sets every hold at once. With hash tags each day's hold is in the
     * day's slot (a cluster refuses a script across slots), so each is set on its own only where none stands, and when some day
     * was held already those set now are taken back: the days are held all together or not at all, as in one script.
     */
    private boolean tryAcquire(List<LocalDate> days, String token) {
        if (!keys.hashTags()) {
            return redis.send(script(ACQUIRE, days).arg(token).arg(TTL.toMillis())).await().indefinitely()
                    .toInteger() == 1;
        }
        List<Response> replies = eachDay(days, day -> Request.cmd(Command.SET).arg(keys.rebuilding(day)).arg(token)
                .arg("NX").arg("PX").arg(TTL.toMillis()));
        if (replies.stream().allMatch(reply -> reply != null && "OK".equals(reply.toString()))) {
            return true;
        }
        release(days, token);
        return false;
    }

    /** One command per day, pipelined on one connection (a cluster connection sends each to its day's node). */
    private List<Response> eachDay(List<LocalDate> days, Function<LocalDate, Request> command) {
        RedisConnection connection = redis.connect().await().indefinitely();
        try {
            List<Uni<Response>> replies = days.stream().map(day -> connection.send(command.apply(day))).toList();
            return Uni.join().all(replies).andFailFast().await().indefinitely();
        } finally {
            connection.close().await().indefinitely();
        }
    }

    private Request script(String script, List<LocalDate> days) {
        Request request = Request.cmd(Command.EVAL).arg(script).arg(days.size());
        days.forEach(day -> request.arg(keys.rebuilding(day)));
        return request;
    }
}
