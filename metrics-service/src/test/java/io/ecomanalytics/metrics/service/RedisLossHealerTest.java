package io.ecomanalytics.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvent.Item;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.metrics.OrderFixtures;
import io.ecomanalytics.metrics.PrivateRedis;
import io.ecomanalytics.metrics.RedisServerProcess;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Redis restarted empty under a running service (issue 17, item 9): against a redis-server of its own, the service notices by
 * itself, recreates the consumer group and rebuilds the last days from PostgreSQL, and a live order placed while it heals
 * counts once.
 */
@QuarkusTest
@TestProfile(RedisLossHealerTest.HealingOn.class)
class RedisLossHealerTest {
    private static Process restarted;

    @Inject
    RedisDataSource redis;
    @Inject
    DataSource dataSource;
    @Inject
    ReconcileService reconciler;
    @Inject
    StoreSettings store;
    @Inject
    MetricKeys keys;
    @ConfigProperty(name = PrivateRedis.PORT)
    int port;

    public static class HealingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("metrics.consumer.enabled", "true", "metrics.consumer.threads", "2",
                    "metrics.consumer.block", "100ms", "metrics.heal.check-every", "1s", "metrics.heal.days", "3");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedis.class));
        }
    }

    @AfterAll
    static void stopRestartedRedis() {
        if (restarted != null) {
            restarted.destroy();
        }
    }

    @Test
    void aRedisRestartedEmptyIsHealedWithNobodyActing() throws Exception {
        assertThat(redis.execute("INFO", "server").toString()).contains("tcp_port:" + port);
        LocalDate today = LocalDate.now(store.zone());
        List<LocalDate> days = List.of(today.minusDays(2), today.minusDays(1), today);
        List<OrderEvent> orders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            orders.add(order(5000 + i, days.get(i % 3), "12.34"));
        }
        OrderFixtures.insertIntoPostgres(dataSource, orders);
        OrderFixtures.publish(redis, orders);
        await("the consumers apply the orders").atMost(Duration.ofSeconds(60))
                .until(() -> days.stream().allMatch(day -> reconciler.reconcile(day).consistent()));
        assertThat(redis.value(String.class).get(keys.revenue(today))).isEqualTo("123.40");

        shutdownNoSave();
        restarted = RedisServerProcess.start(port);
        // a live order placed while the service heals: it must count once, whether its event or the rebuild comes first
        OrderEvent live = order(6000, today, "1.01");
        OrderFixtures.addToPostgres(dataSource, List.of(live));
        await("Redis answers again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> redis.stream(String.class).xadd(OrderEvents.STREAM, OrderEvents.toFields(live)) != null);

        await("healed").atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            for (LocalDate day : days) {
                assertThat(reconciler.reconcile(day).differences()).as(day.toString()).isEmpty();
            }
            assertThat(redis.execute("XINFO", "GROUPS", OrderEvents.STREAM).toString()).contains(MetricKeys.GROUP);
        });
        assertThat(redis.value(String.class).get(keys.revenue(today))).isEqualTo("124.41");
        assertThat(redis.value(String.class).get(keys.orders(today))).isEqualTo("11");
        assertThat(redis.key().exists(MetricKeys.GENERATION)).isTrue();
    }

    /** SHUTDOWN NOSAVE, as {@code redis-cli shutdown nosave} does, then waits until the port is closed. */
    private void shutdownNoSave() throws IOException, InterruptedException {
        new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "shutdown", "nosave")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        await("redis-server stopped").atMost(Duration.ofSeconds(30)).until(() -> !RedisServerProcess.accepts(port));
    }

    private OrderEvent order(long id, LocalDate day, String price) {
        String at = day.atTime(12, 0).atZone(store.zone()).toInstant().toString();
        return OrderFixtures.order(id, 700 + id % 5, at, "approved", "SP", "SUDESTE",
                List.of(new Item(70 + id % 3, 1, new BigDecimal(price))));
    }
}
