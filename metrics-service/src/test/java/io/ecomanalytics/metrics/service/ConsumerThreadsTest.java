package io.ecomanalytics.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.events.RebuildRequests;
import io.ecomanalytics.metrics.OrderFixtures;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The consumer threads as the service runs them: started at start-up, applying events and rebuild requests by themselves. */
@QuarkusTest
@TestProfile(ConsumerThreadsTest.ThreadsEnabled.class)
class ConsumerThreadsTest {
    @Inject
    RedisDataSource redis;
    @Inject
    DataSource dataSource;

    public static class ThreadsEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("metrics.consumer.enabled", "true", "metrics.consumer.threads", "2",
                    "metrics.consumer.block", "100ms");
        }
    }

    @Test
    void applyEventsAndRebuildRequestsAndRecreateADeletedStream() throws Exception {
        // emptying the database deletes the streams and groups under the running threads: they create them again
        OrderFixtures.cleanRedis(redis);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.key().exists(OrderEvents.STREAM, RebuildRequests.STREAM) == 2);

        OrderFixtures.publish(redis, OrderFixtures.events());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(redis.value(String.class).get("faturamento:2026-03-10")).isEqualTo("179.95");
            assertThat(redis.value(String.class).get("faturamento:2026-03-11")).isEqualTo("50.00");
        });

        OrderFixtures.insertIntoPostgres(dataSource, OrderFixtures.events());
        redis.value(String.class).set("faturamento:2026-03-10", "0.01");
        redis.stream(String.class).xadd(RebuildRequests.STREAM, Map.of(RebuildRequests.FIELD_RUN_ID, "run-9",
                RebuildRequests.FIELD_FROM, "2026-03-10", RebuildRequests.FIELD_TO, "2026-03-10"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(redis.hash(String.class)
                .hget(RebuildRequests.resultKey("run-9"), "status")).isEqualTo("done"));
        assertThat(redis.value(String.class).get("faturamento:2026-03-10")).isEqualTo("179.95");
    }
}
