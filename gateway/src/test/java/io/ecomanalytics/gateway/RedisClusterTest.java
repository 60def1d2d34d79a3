package io.ecomanalytics.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.RedisCluster;
import io.ecomanalytics.contracts.testing.RedisClusterServers;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.gateway.ratelimit.RedisRateLimiter;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The gateway on a real Redis Cluster of the test's own (three masters, a replica each, issue 21): the rate limiter, the login
 * throttle and the revocations run their scripts on it. A viewer's heavy-call bucket stays exact while the master holding it is
 * killed ({@code kill -9}) and its replica takes over: of 32 calls exactly the 20 of the limit are let through. Heavy calls
 * fail closed in this test (503 while the bucket's node is away, and the caller tries again), so every counted answer is a
 * decision the bucket took. Only waits are bounded (generously); nothing asserts how fast anything was.
 */
@QuarkusTest
@TestProfile(RedisClusterTest.OnACluster.class)
@EnabledIf(value = "io.ecomanalytics.contracts.testing.RedisCluster#serverOnPath", disabledReason = "redis-server or "
        + "redis-cli is not on the PATH: the Redis Cluster test starts a cluster of its own from them")
class RedisClusterTest {
    private static final int LIMIT = 20;
    private static final int BEFORE_KILL = 12;
    private static final int AFTER_KILL = 20;
    private static final String HEAVY_ROUTE = "/api/v1/analytics/cohorts/monthly";

    @ConfigProperty(name = RedisClusterServers.PORTS)
    String portList;
    @Inject
    RedisDataSource redis;

    public static class OnACluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("gateway.rate-limit.limits.viewer.heavy", Integer.toString(LIMIT));
            // no refill while the test runs, however slow the machine
            config.put("gateway.rate-limit.period", "PT30M");
            // heavy calls are refused (503) while Redis cannot be asked, never let through uncounted
            config.put("gateway.rate-limit.fail-open", "reads");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisClusterServers.class,
                    Map.of(RedisClusterServers.FIRST_PORT, "7110")));
        }
    }

    @Test
    void aBucketStaysExactWhileItsMasterIsKilled() throws Exception {
        List<Integer> ports = ports();
        String subject = "rl-cluster-" + UUID.randomUUID();
        int victim = RedisCluster.masterOf(ports, RedisRateLimiter.key(subject, "heavy"));
        String token = TestTokens.claims(subject, Roles.VIEWER).sign();

        Map<Integer, Integer> before = calls(token, BEFORE_KILL);
        assertThat(before).isEqualTo(Map.of(200, BEFORE_KILL));
        // replication is asynchronous: a master killed before its replica has its last counts would forget them
        RedisCluster.awaitReplicated(ports, victim);
        long pid = RedisCluster.kill(victim);
        Log.infof("killed redis-server %d, master on %d of bucket %s", pid, victim,
                RedisRateLimiter.key(subject, "heavy"));

        // sent at once, while the cluster fails over: each caller tries again after a 503 until the bucket decides
        Map<Integer, Integer> after = calls(token, AFTER_KILL);
        RedisCluster.awaitFailover(ports, victim, Duration.ofSeconds(60));

        assertThat(after).isEqualTo(Map.of(200, LIMIT - BEFORE_KILL, 429, AFTER_KILL - (LIMIT - BEFORE_KILL)));
        given().auth().oauth2(token).get(HEAVY_ROUTE).then().statusCode(429).header("X-RateLimit-Remaining", "0");
    }

    @Test
    void loginThrottleAndRevocationsRunOnTheCluster() {
        LoginKeys.clear(redis);
        String stranger = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            login(stranger, "wrong password").then().statusCode(401);
        }
        login(stranger, "wrong password").then().statusCode(429).header("Retry-After", notNullValue());

        JsonPath session = login("admin", "test-admin-password").then().statusCode(200).extract().jsonPath();
        String access = session.getString("access_token");
        given().auth().oauth2(access).get("/api/v1/metrics/echo").then().statusCode(200);
        given().contentType("application/json").body("{\"refresh_token\":\"" + session.getString("refresh_token")
                + "\"}").post("/auth/logout").then().statusCode(204);
        await("the logout's revocation applied").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(access).get("/api/v1/metrics/echo").statusCode() == 401);
    }

    /**
     * Makes {@code count} heavy calls at once (4 callers); a 503 (the bucket's node cannot be reached) is tried again after a
     * pause. Returns how many got each final status.
     */
    private static Map<Integer, Integer> calls(String token, int count) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(callers.submit(() -> await("a heavy call past the failover").atMost(Duration.ofSeconds(90))
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                        .until(() -> given().auth().oauth2(token).get(HEAVY_ROUTE).statusCode(), status -> status != 503)));
            }
            Map<Integer, Integer> statuses = new LinkedHashMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            callers.shutdownNow();
        }
    }

    private static Response login(String user, String password) {
        return given().contentType("application/json")
                .body("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}").post("/auth/token");
    }

    private List<Integer> ports() {
        return Arrays.stream(portList.split(",")).map(Integer::valueOf).toList();
    }
}
