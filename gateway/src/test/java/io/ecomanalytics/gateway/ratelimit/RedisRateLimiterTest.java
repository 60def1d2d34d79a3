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

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The token bucket against the real local Redis, with limiters that share nothing but Redis, as separate gateway replicas do.
 * Redis database 6 is this test's alone: the gateway's Quarkus tests (database 4) hold shared connections of their own.
 */
class RedisRateLimiterTest {
    private static final String REDIS = "redis://" + env("REDIS_HOST", "127.0.0.1") + ":" + env("REDIS_PORT", "6379")
            + "/" + (6 + Integer.parseInt(env("TEST_REDIS_DB_OFFSET", "0")));
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
        assertExactlyTheLimitOf300ConcurrentCalls(false);
    }

    @Test
    void replicasDecidingOnTheirEventLoopsShareOnePipelinedConnectionEachAndAdmitExactlyTheLimit() throws Exception {
        assertExactlyTheLimitOf300ConcurrentCalls(true);
        // 300 concurrent decisions went over one connection per replica's event loop, not one leased per call (the
        // connections of the last test may take a moment to disappear from Redis's list)
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(clientIds()).hasSize(2));
    }

    /** 150 calls on each of two replicas, limit 100, from the test thread or from the replicas' event loops. */
    private void assertExactlyTheLimitOf300ConcurrentCalls(boolean onEventLoops) throws Exception {
        List<RedisRateLimiter> replicas = List.of(limiter(REDIS, new SimpleMeterRegistry()),
                limiter(REDIS, new SimpleMeterRegistry()));
        List<Future<Decision>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int replica = i % 2;
            java.util.function.Supplier<Future<Decision>> call = () -> replicas.get(replica).take(subject, "reads", 100, true);
            calls.add(onEventLoops ? onEventLoop(replica, call) : call.get());
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
    void opensANewConnectionWhenRedisClosedTheSharedOne() throws Exception {
        RedisRateLimiter limiter = limiter(REDIS, new SimpleMeterRegistry());
        assertThat(await(onEventLoop(0, () -> limiter.take(subject, "reads", 10, true))).remaining()).isEqualTo(9);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(clientIds()).hasSize(1));
        List<String> before = clientIds();

        redis(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(before.get(0)));

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Decision d = await(onEventLoop(0, () -> limiter.take(subject, "reads", 10, true)));
            assertThat(d.degraded()).isFalse();
        });
        assertThat(clientIds()).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void countsDownAndRefusesUntilTheBucketRefills() throws Exception {
        RedisRateLimiter limiter = limiter(REDIS, new SimpleMeterRegistry());
        List<Long> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Decision d = await(limiter.take(subject, "heavy", 3, true));
            assertThat(d.allowed()).isTrue();
            assertThat(d.limit()).isEqualTo(3);
            remaining.add(d.remaining());
        }
        assertThat(remaining).containsExactly(2L, 1L, 0L);

        Decision refused = await(limiter.take(subject, "heavy", 3, true));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetSeconds()).isBetween(1L, 60L);
    }

    @Test
    void keepsOneBucketPerRouteClass() throws Exception {
        RedisRateLimiter limiter = limiter(REDIS, new SimpleMeterRegistry());
        assertThat(await(limiter.take(subject, "heavy", 1, true)).allowed()).isTrue();
        assertThat(await(limiter.take(subject, "heavy", 1, true)).allowed()).isFalse();
        assertThat(await(limiter.take(subject, "reads", 1, true)).allowed()).isTrue();
        assertThat(RedisRateLimiter.key("alice", "reads")).isEqualTo("ratelimit:{alice}:reads");
    }

    @Test
    void letsCallsThroughWhenRedisIsUnreachableAndCountsIt() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RedisRateLimiter limiter = limiter("redis://127.0.0.1:1", meters);

        Decision decision = await(limiter.take(subject, "reads", 5, true));
        await(limiter.take(subject, "reads", 5, true));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.degraded()).isTrue();
        assertThat(meters.get("gateway.ratelimit.redis.unavailable").tag("policy", "open").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void refusesCallsOfAFailClosedClassWhenRedisIsUnreachable() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Decision decision = await(limiter("redis://127.0.0.1:1", meters).take(subject, "admin", 5, false));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.degraded()).isTrue();
        assertThat(meters.get("gateway.ratelimit.redis.unavailable").tag("policy", "closed").counter().count())
                .isEqualTo(1.0);
    }

    private RedisRateLimiter limiter(String url, SimpleMeterRegistry meters) {
        // one event loop, as a gateway replica on one core: its decisions share one connection
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        vertxes.add(vertx);
        Redis redis = Redis.createClient(vertx,
                new RedisOptions().setConnectionString(url).setMaxPoolSize(8).setMaxPoolWaiting(1000));
        return new RedisRateLimiter(vertx, redis, MINUTE, Duration.ofSeconds(5), meters);
    }

    /** Runs the call on an event loop of the limiter's Vert.x instance, as the gateway's route handler does. */
    private Future<Decision> onEventLoop(int replica, java.util.function.Supplier<Future<Decision>> call) {
        Promise<Decision> decision = Promise.promise();
        vertxes.get(replica).runOnContext(v -> call.get().onComplete(decision));
        return decision.future();
    }

    /** The ids of the limiters' shared connections to this test's Redis database. */
    private List<String> clientIds() throws Exception {
        String db = REDIS.substring(REDIS.lastIndexOf('/') + 1);
        return redis(Request.cmd(Command.CLIENT).arg("LIST")).toString().lines()
                .filter(line -> line.contains(" name=" + RedisRateLimiter.CONNECTION_NAME + " ")
                        && line.contains(" db=" + db + " "))
                .map(line -> line.substring("id=".length(), line.indexOf(' ')))
                .toList();
    }

    private Response redis(Request request) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            return Redis.createClient(vertx, REDIS).send(request).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Decision await(Future<Decision> decision) throws Exception {
        return decision.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
