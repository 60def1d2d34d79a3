package io.ecomanalytics.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * The token bucket against the real local Redis, with limiters that share nothing but Redis, as separate gateway replicas do.
 */
class RedisRateLimiterTest {
    private static final String REDIS = "redis://" + env("REDIS_HOST", "127.0.0.1") + ":" + env("REDIS_PORT", "6379")
            + "/4";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final List<Vertx> vertxes = new ArrayList<>();
    private String subject;

    @BeforeEach
    void freshSubject() {
        subject = "test-" + UUID.randomUUID();
    }

    @AfterEach
    void close() throws Exception {
        for (Vertx vertx : vertxes) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoReplicasSharingRedisAdmitExactlyTheLimit() throws Exception {
        RedisRateLimiter first = limiter(REDIS, true, new SimpleMeterRegistry());
        RedisRateLimiter second = limiter(REDIS, true, new SimpleMeterRegistry());

        List<Future<Decision>> calls = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            calls.add(first.take(subject, "reads", 100));
            calls.add(second.take(subject, "reads", 100));
        }
        Future.all(calls).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        List<Decision> decisions = calls.stream().map(Future::result).toList();
        assertThat(decisions).noneMatch(Decision::degraded);
        assertThat(decisions.stream().filter(Decision::allowed).count()).isEqualTo(100);
        assertThat(decisions.stream().filter(d -> !d.allowed()).count()).isEqualTo(200);
        // every token was handed out once: the admitted calls saw 99, 98, ..., 0 tokens left
        Set<Long> remaining = decisions.stream().filter(Decision::allowed).map(Decision::remaining)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(remaining).isEqualTo(LongStream.range(0, 100).boxed().collect(Collectors.toSet()));
    }

    @Test
    void countsDownAndRefusesUntilTheBucketRefills() throws Exception {
        RedisRateLimiter limiter = limiter(REDIS, true, new SimpleMeterRegistry());
        List<Long> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Decision d = await(limiter.take(subject, "heavy", 3));
            assertThat(d.allowed()).isTrue();
            assertThat(d.limit()).isEqualTo(3);
            remaining.add(d.remaining());
        }
        assertThat(remaining).containsExactly(2L, 1L, 0L);

        Decision refused = await(limiter.take(subject, "heavy", 3));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetSeconds()).isBetween(1L, 60L);
    }

    @Test
    void keepsOneBucketPerRouteClass() throws Exception {
        RedisRateLimiter limiter = limiter(REDIS, true, new SimpleMeterRegistry());
        assertThat(await(limiter.take(subject, "heavy", 1)).allowed()).isTrue();
        assertThat(await(limiter.take(subject, "heavy", 1)).allowed()).isFalse();
        assertThat(await(limiter.take(subject, "reads", 1)).allowed()).isTrue();
        assertThat(RedisRateLimiter.key("alice", "reads")).isEqualTo("ratelimit:{alice}:reads");
    }

    @Test
    void letsCallsThroughWhenRedisIsUnreachableAndCountsIt() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RedisRateLimiter limiter = limiter("redis://127.0.0.1:1", true, meters);

        Decision decision = await(limiter.take(subject, "reads", 5));
        await(limiter.take(subject, "reads", 5));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.degraded()).isTrue();
        assertThat(meters.get("gateway.ratelimit.redis.unavailable").tag("policy", "open").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void refusesCallsWhenRedisIsUnreachableAndFailClosedIsConfigured() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Decision decision = await(limiter("redis://127.0.0.1:1", false, meters).take(subject, "reads", 5));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.degraded()).isTrue();
        assertThat(meters.get("gateway.ratelimit.redis.unavailable").tag("policy", "closed").counter().count())
                .isEqualTo(1.0);
    }

    private RedisRateLimiter limiter(String url, boolean failOpen, SimpleMeterRegistry meters) {
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        Redis redis = Redis.createClient(vertx,
                new RedisOptions().setConnectionString(url).setMaxPoolSize(8).setMaxPoolWaiting(1000));
        return new RedisRateLimiter(vertx, redis, MINUTE, Duration.ofSeconds(5), failOpen, meters);
    }

    private static Decision await(Future<Decision> decision) throws Exception {
        return decision.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
