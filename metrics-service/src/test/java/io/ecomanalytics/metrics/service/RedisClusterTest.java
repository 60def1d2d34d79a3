package io.ecomanalytics.metrics.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvent.Item;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.RedisCluster;
import io.ecomanalytics.contracts.testing.RedisClusterServers;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.metrics.OrderFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The metrics on a real Redis Cluster of the test's own (three masters, a replica each, issue 21): the service runs in cluster
 * mode with hash-tagged keys and its consumer threads on; orders are placed as the simulator places them (a row in PostgreSQL,
 * then an event on {@code orders:events}) while the master serving the event stream is killed ({@code kill -9}) and its replica
 * takes over. Afterwards every day reconciles with PostgreSQL through the reconcile endpoint, the all-time top products equal
 * PostgreSQL's, nothing was dead-lettered, and the failover was healed. Only waits are bounded (generously); nothing asserts
 * how fast anything was.
 */
@QuarkusTest
@TestProfile(RedisClusterTest.OnACluster.class)
@EnabledIf(value = "io.ecomanalytics.contracts.testing.RedisCluster#serverOnPath", disabledReason = "redis-server or "
        + "redis-cli is not on the PATH: the Redis Cluster test starts a cluster of its own from them")
class RedisClusterTest {
    private static final int ORDERS = 600;
    private static final int KILL_AFTER = 200;
    private static final int HEAL_DAYS = 8;
    private static final String ANALYST = TestTokens.forRole(Roles.ANALYST);

    @Inject
    RedisDataSource redis;
    @Inject
    DataSource dataSource;
    @Inject
    StoreSettings store;
    @Inject
    MetricKeys keys;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = RedisClusterServers.PORTS)
    String portList;

    public static class OnACluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("metrics.key-hash-tags", "true");
            config.put("metrics.consumer.enabled", "true");
            config.put("metrics.consumer.threads", "2");
            config.put("metrics.consumer.block", "200ms");
            // a batch a dead master left pending is taken over soon after the failover
            config.put("metrics.consumer.claim-min-idle", "2S");
            config.put("metrics.consumer.retry-delay", "200ms");
            config.put("metrics.heal.check-every", "1s");
            config.put("metrics.heal.days", Integer.toString(HEAL_DAYS));
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisClusterServers.class,
                    Map.of(RedisClusterServers.FIRST_PORT, "7100")));
        }
    }

    @Test
    void ordersStreamedWhileAMasterIsKilledAreCountedExactlyOnce() throws Exception {
        List<Integer> ports = Arrays.stream(portList.split(",")).map(Integer::valueOf).toList();
        LocalDate today = LocalDate.now(store.zone());
        List<LocalDate> days = today.minusDays(HEAL_DAYS - 1L).datesUntil(today.plusDays(1)).toList();
        assertThat(keys.revenue(today)).isEqualTo("faturamento:{" + today + "}");
        OrderFixtures.insertIntoPostgres(dataSource, List.of());

        int victim = RedisCluster.masterOf(ports, OrderEvents.STREAM);
        Log.infof("killing the master on %d mid-stream: it serves %s, %s and the days %s", victim, OrderEvents.STREAM,
                RedisCluster.masterOf(ports, MetricKeys.TOP_PRODUCTS) == victim
                        ? MetricKeys.TOP_PRODUCTS
                        : "not "
                                + MetricKeys.TOP_PRODUCTS,
                days.stream().filter(day -> RedisCluster.masterOf(ports, keys.revenue(day)) == victim).toList());
        double healsBefore = heals();

        AtomicInteger published = new AtomicInteger();
        CompletableFuture<Void> placing = CompletableFuture.runAsync(() -> place(orders(days), published));
        await("a third of the orders published").atMost(Duration.ofSeconds(120)).until(
                () -> published.get() >= KILL_AFTER || placing.isDone());
        long pid = RedisCluster.kill(victim);
        Log.infof("killed redis-server %d (port %d) after %d orders", pid, victim, published.get());
        RedisCluster.awaitFailover(ports, victim, Duration.ofSeconds(60));
        placing.get();
        assertThat(published.get()).isEqualTo(ORDERS);

        await("every day consistent with PostgreSQL").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
                    for (LocalDate day : days) {
                        JsonPath report = given().auth().oauth2(ANALYST).queryParam("date", day.toString())
                                .get("/api/v1/metrics/reconcile").then().statusCode(200).extract().jsonPath();
                        assertThat(report.getList("differences")).as("differences of " + day).isEmpty();
                        assertThat(report.getBoolean("consistent")).isTrue();
                    }
                    assertThat(topProducts()).isEqualTo(topProductsInPostgres());
                });
        JsonPath series = given().auth().oauth2(ANALYST).queryParam("from", days.get(0).toString())
                .queryParam("to", today.toString()).get("/api/v1/metrics/daily").then().statusCode(200).extract()
                .jsonPath();
        assertThat(series.getList("orders", Integer.class).stream().mapToLong(Integer::longValue).sum())
                .isEqualTo(countedOrdersInPostgres());
        assertThat(redis.stream(String.class).xlen(OrderEvents.DEAD_LETTER_STREAM)).isZero();
        assertThat(heals()).as("the failover was healed").isGreaterThan(healsBefore);
    }

    /** 600 orders over the days, 20 products, every 17th canceled (recorded as applied, not counted). */
    private static List<OrderEvent> orders(List<LocalDate> days) {
        List<OrderEvent> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            LocalDate day = days.get(i % days.size());
            String at = day.atTime(12, 0).plusSeconds(i).toInstant(ZoneOffset.ofHours(-3)).toString();
            List<Item> items = List.of(new Item(1 + i % 20, 1 + i % 3, new BigDecimal("19.90")),
                    new Item(21 + i % 7, 1, new BigDecimal("5.05")));
            orders.add(OrderFixtures.order(700_000 + i, 1 + i % 50, at, i % 17 == 0 ? "canceled" : "approved", "SP",
                    "SUDESTE", items));
        }
        return orders;
    }

    /**
     * As the simulator does: the orders' rows first (ten at a time, to keep the test short), then their events. A publish
     * refused while the master is down is tried again until the cluster takes it (a repeated event counts once).
     */
    private void place(List<OrderEvent> orders, AtomicInteger published) {
        for (int from = 0; from < orders.size(); from += 10) {
            List<OrderEvent> batch = orders.subList(from, Math.min(orders.size(), from + 10));
            try {
                OrderFixtures.addToPostgres(dataSource, batch);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            for (OrderEvent order : batch) {
                publish(order);
                published.incrementAndGet();
            }
        }
    }

    private void publish(OrderEvent order) {
        // while the stream's node fails over, the write is refused: tried again until a master takes it (a write that
        // landed but whose answer was lost is applied once all the same: the consumer skips an order it has applied)
        await("an order event on the stream").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(RuntimeException.class).until(() -> {
                    redis.stream(String.class).xadd(OrderEvents.STREAM, OrderEvents.toFields(order));
                    return true;
                });
    }

    private Map<Long, Long> topProducts() {
        Map<Long, Long> top = new TreeMap<>();
        for (Map<String, Object> entry : given().auth().oauth2(ANALYST).queryParam("limit", 100)
                .get("/api/v1/metrics/top-products").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("$")) {
            top.put(((Number) entry.get("productId")).longValue(), ((Number) entry.get("quantity")).longValue());
        }
        return top;
    }

    private Map<Long, Long> topProductsInPostgres() throws SQLException {
        Map<Long, Long> top = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT i.product_id, "
                        + "sum(i.quantity) FROM commerce.order_items i JOIN commerce.orders o ON o.id = i.order_id "
                        + "WHERE o.status NOT IN ('canceled', 'unavailable') GROUP BY i.product_id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                top.put(rows.getLong(1), rows.getLong(2));
            }
        }
        return top;
    }

    private long countedOrdersInPostgres() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT count(*) FROM commerce.orders WHERE status NOT IN ('canceled', 'unavailable')");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private double heals() {
        return meters.counter("metrics.redis.heals").count();
    }
}
