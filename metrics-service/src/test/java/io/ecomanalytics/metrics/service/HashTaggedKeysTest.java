package io.ecomanalytics.metrics.service;

import static io.ecomanalytics.metrics.OrderFixtures.DAY_1;
import static io.ecomanalytics.metrics.OrderFixtures.DAY_2;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.metrics.OrderFixtures;
import io.ecomanalytics.metrics.RedisSnapshot;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The hash-tagged layout ({@code metrics.key-hash-tags=true}) on one Redis: the keys a day's events write carry the day as hash
 * tag, the all-time keys the tag {@code {top_produtos}}, with the values the untagged layout holds (hand-computed in
 * {@link OrderFixtures}); the separate all-time step counts each order once whatever crashed between the steps; rebuild leaves
 * what live events leave; reads, reconcile and exports use the same keys. RedisClusterTest runs it on a real cluster.
 */
@QuarkusTest
@TestProfile(HashTaggedKeysTest.Tagged.class)
class HashTaggedKeysTest {
    private static final Duration NO_BLOCK = Duration.ofMillis(10);
    private static final String SHARE_1 = "metrics:top-share:{top_produtos}:2026-03-10";
    private static final String SHARE_2 = "metrics:top-share:{top_produtos}:2026-03-11";

    @Inject
    RedisDataSource redis;
    @Inject
    OrderEventConsumer consumer;
    @Inject
    EventApplier applier;
    @Inject
    RebuildService rebuilds;
    @Inject
    ReconcileService reconciler;
    @Inject
    DataSource dataSource;

    public static class Tagged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("metrics.key-hash-tags", "true");
        }
    }

    @BeforeEach
    void cleanRedis() {
        OrderFixtures.cleanRedis(redis);
        consumer.ensureGroup();
    }

    @Test
    void writesEveryKeyUnderItsDaysHashTagAndTheAllTimeKeysUnderTheirOwn() {
        OrderFixtures.publish(redis, OrderFixtures.events());

        assertThat(consumer.poll("a", NO_BLOCK)).isEqualTo(5);

        assertThat(get("faturamento:{2026-03-10}")).isEqualTo("179.95");
        assertThat(get("pedidos_count:{2026-03-10}")).isEqualTo("3");
        assertThat(members("clientes_ativos:{2026-03-10}")).containsExactlyInAnyOrder("1", "2");
        assertThat(get("vendas_por_regiao:SUDESTE:{2026-03-10}")).isEqualTo("120.25");
        assertThat(get("vendas_por_regiao:NORDESTE:{2026-03-10}")).isEqualTo("59.70");
        assertThat(scores("top_produtos:{2026-03-10}")).isEqualTo(Map.of("11", 2.0, "12", 4.0, "13", 1.0));
        assertThat(members("metrics:applied:{2026-03-10}")).containsExactlyInAnyOrder("101", "102", "103");
        assertThat(get("faturamento:{2026-03-11}")).isEqualTo("50.00");
        assertThat(get("vendas_por_regiao:SUL:{2026-03-11}")).isEqualTo("50.00");
        assertThat(members("metrics:applied:{2026-03-11}")).containsExactlyInAnyOrder("104", "105");

        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 3.0, "12", 4.0, "13", 1.0));
        assertThat(scores(SHARE_1)).isEqualTo(Map.of("11", 2.0, "12", 4.0, "13", 1.0));
        assertThat(scores(SHARE_2)).isEqualTo(Map.of("11", 1.0));
        assertThat(members("metrics:top-applied:{top_produtos}:2026-03-10")).containsExactlyInAnyOrder("101", "102",
                "103");
        assertThat(members("metrics:top-applied:{top_produtos}:2026-03-11")).containsExactlyInAnyOrder("104", "105");
        assertThat(redis.key().ttl("metrics:top-applied:{top_produtos}:2026-03-10")).isBetween(8 * 86_400L - 60,
                8 * 86_400L);

        // one slot per day, one for the all-time keys (top_produtos hashes as its tag does): nothing else, no untagged name
        for (String key : redis.key().scan(new KeyScanArgs().count(1000)).toIterable()) {
            if (key.startsWith(OrderEvents.STREAM)) {
                continue;
            }
            assertThat(key).as("a metric key").matches(k -> k.equals("top_produtos") || k.contains("{top_produtos}")
                    || k.contains("{2026-03-10}") || k.contains("{2026-03-11}"));
        }
        assertThat(redis.key().exists(MetricKeys.DAYS)).isFalse();
    }

    @Test
    void aReplayAfterACrashBetweenTheDayAndTheAllTimeStepCountsEveryOrderOnce() {
        List<EventApplier.Prepared> events = prepared(OrderFixtures.events());

        // the consumer died right after the day step: the all-time key has not seen these events
        assertThat(applier.applyDayStepOnly(events)).allMatch(EventApplier.Outcome::applied);
        assertThat(redis.key().exists("top_produtos")).isFalse();
        assertThat(get("pedidos_count:{2026-03-10}")).isEqualTo("3");

        // redelivered: the day step skips them all, the all-time step adds them once
        assertThat(applier.apply(events)).noneMatch(EventApplier.Outcome::applied);
        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 3.0, "12", 4.0, "13", 1.0));
        // and again (the acknowledgement was lost too): nothing moves
        assertThat(applier.apply(events)).noneMatch(EventApplier.Outcome::applied);
        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 3.0, "12", 4.0, "13", 1.0));
        assertThat(get("pedidos_count:{2026-03-10}")).isEqualTo("3");
        assertThat(get("faturamento:{2026-03-10}")).isEqualTo("179.95");
    }

    @Test
    void aRedeliveryMeetingOrdersAddedBeforeAddsOnlyTheOthers() {
        List<EventApplier.Prepared> events = prepared(OrderFixtures.events());
        applier.apply(events.subList(0, 1));
        applier.applyDayStepOnly(events.subList(1, 2));

        // 101 is in both steps, 102 in the day step only: the summed all-time call is refused, event by event adds 102
        List<EventApplier.Outcome> outcomes = applier.apply(events.subList(0, 3));

        assertThat(outcomes).extracting(EventApplier.Outcome::applied).containsExactly(false, false, true);
        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 2.0, "12", 4.0, "13", 1.0));
        assertThat(scores(SHARE_1)).isEqualTo(Map.of("11", 2.0, "12", 4.0, "13", 1.0));
        assertThat(get("pedidos_count:{2026-03-10}")).isEqualTo("3");
    }

    @Test
    void rebuildLeavesWhatLiveEventsLeave() throws Exception {
        OrderFixtures.insertIntoPostgres(dataSource, OrderFixtures.events());
        OrderFixtures.publish(redis, OrderFixtures.events());
        consumer.poll("a", NO_BLOCK);
        Map<String, Object> live = RedisSnapshot.take(redis);

        OrderFixtures.cleanRedis(redis);
        rebuilds.rebuild(DAY_1, DAY_2);

        assertThat(RedisSnapshot.take(redis)).isEqualTo(live);
        assertThat(reconciler.reconcile(DAY_1).consistent()).isTrue();
        assertThat(reconciler.reconcile(DAY_2).consistent()).isTrue();
    }

    @Test
    void rebuildingADayReplacesOnlyItsShareOfTheAllTimeKey() throws Exception {
        OrderFixtures.insertIntoPostgres(dataSource, OrderFixtures.events());
        OrderFixtures.publish(redis, OrderFixtures.events());
        consumer.poll("a", NO_BLOCK);
        // canceled later in PostgreSQL: 103 was the only sale of product 13 (day 1), 104 the only sale of day 2
        execute("UPDATE commerce.orders SET status = 'canceled' WHERE id IN (103, 104)");

        rebuilds.rebuild(DAY_2, DAY_2);
        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 2.0, "12", 4.0, "13", 1.0));
        assertThat(redis.key().exists(SHARE_2)).isFalse();

        rebuilds.rebuild(DAY_1, DAY_1);
        // product 13 is gone, not left at 0, as from a union of the days
        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 2.0, "12", 4.0));
        assertThat(scores(SHARE_1)).isEqualTo(Map.of("11", 2.0, "12", 4.0));

        // a late redelivery of every event counts nothing, in either step
        OrderFixtures.publish(redis, OrderFixtures.events());
        consumer.poll("a", NO_BLOCK);
        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 2.0, "12", 4.0));
        assertThat(get("pedidos_count:{2026-03-10}")).isEqualTo("2");
        assertThat(reconciler.reconcile(DAY_1).consistent()).isTrue();
        assertThat(reconciler.reconcile(DAY_2).consistent()).isTrue();
    }

    @Test
    void readsReconcileAndExportsUseTheTaggedKeys() throws Exception {
        OrderFixtures.insertIntoPostgres(dataSource, OrderFixtures.events());
        OrderFixtures.publish(redis, OrderFixtures.events());
        consumer.poll("a", NO_BLOCK);
        String viewer = TestTokens.forRole(Roles.VIEWER);

        given().auth().oauth2(viewer).get("/api/v1/metrics/daily/2026-03-10").then().statusCode(200)
                .body("revenue", equalTo(179.95f)).body("orders", equalTo(3)).body("activeCustomers", equalTo(2))
                .body("topProduct.productId", equalTo(12)).body("topProduct.quantity", equalTo(4));
        given().auth().oauth2(viewer).queryParam("date", "2026-03-10").get("/api/v1/metrics/regions").then()
                .statusCode(200).body("find { it.region == 'SUDESTE' }.revenue", equalTo(120.25f));
        given().auth().oauth2(viewer).get("/api/v1/metrics/top-products").then().statusCode(200)
                .body("[0].productId", equalTo(12)).body("[0].quantity", equalTo(4))
                .body("[1].productId", equalTo(11)).body("[1].quantity", equalTo(3));
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).queryParam("format", "csv")
                .get("/api/v1/metrics/top-products").then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("12,4"));
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).queryParam("date", "2026-03-11")
                .get("/api/v1/metrics/reconcile").then().statusCode(200).body("consistent", equalTo(true));
    }

    private List<EventApplier.Prepared> prepared(List<OrderEvent> events) {
        return events.stream().map(e -> applier.prepare(OrderEvents.toFields(e))).toList();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private String get(String key) {
        return redis.value(String.class).get(key);
    }

    private Set<String> members(String key) {
        return redis.set(String.class).smembers(key);
    }

    private Map<String, Double> scores(String key) {
        Map<String, Double> scores = new HashMap<>();
        for (ScoredValue<String> v : redis.sortedSet(String.class).zrangeWithScores(key, 0, -1)) {
            scores.put(v.value(), v.score());
        }
        return scores;
    }
}
