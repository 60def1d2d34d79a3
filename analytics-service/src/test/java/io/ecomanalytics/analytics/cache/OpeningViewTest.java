package io.ecomanalytics.analytics.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.analytics.repository.SalesMart;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The dashboard's opening view is computed as soon as the data changes: each of its calls, sent afterwards exactly as the
 * dashboard sends it, is a Redis hit whose answer equals the one the call computes itself; a change of the data computes it
 * again.
 */
@QuarkusTest
@TestProfile(OpeningViewTest.On.class)
class OpeningViewTest {
    @Inject
    @Writer
    DataSource dataSource;

    @Inject
    RedisDataSource redis;

    @Inject
    OpeningView view;

    @Inject
    SalesMart mart;

    @BeforeEach
    void freshData() throws SQLException {
        redis.flushall();
        SalesFixture.load(dataSource); // a new data version: the view is computed for it
        histories();
    }

    @Test
    void computesTheOpeningCallsAheadAsTheCallsWouldAnswerThem() {
        awaitTheView();
        List<String> cached = new ArrayList<>();
        for (OpeningView.Call call : OpeningView.CALLS) {
            double hits = HttpCachingTest.counter("analytics_cache_hits_total", call.operation());
            double misses = HttpCachingTest.counter("analytics_cache_misses_total", call.operation());
            var answer = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(uri(call));
            assertThat(answer.statusCode()).as("%s: %s", uri(call), answer.asString()).isEqualTo(200);
            assertThat(HttpCachingTest.counter("analytics_cache_hits_total", call.operation()))
                    .as("%s is a hit", uri(call)).isEqualTo(hits + 1);
            assertThat(HttpCachingTest.counter("analytics_cache_misses_total", call.operation())).isEqualTo(misses);
            cached.add(answer.asString());
        }

        // the same calls computed by themselves answer the same (but for the anomaly screen's own timings)
        redis.key().keys("analytics:answer:*").forEach(key -> redis.key().del(key));
        for (int i = 0; i < OpeningView.CALLS.size(); i++) {
            String computed = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(uri(OpeningView.CALLS.get(i))).then()
                    .statusCode(200).extract().asString();
            assertThat(withoutTimings(cached.get(i))).isEqualTo(withoutTimings(computed));
        }
    }

    @Test
    void computesItAgainWhenTheDataChanges() throws SQLException {
        awaitTheView();
        double kept = viewsKept();
        OpeningView.Call summary = OpeningView.CALLS.get(0);
        String before = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(uri(summary)).then().statusCode(200)
                .extract().path("dataAsOf");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, cost)"
                    + " VALUES (100, 4, '2024-06-29 12:00-03', 'approved', 1, 20, 10)");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price, unit_cost)"
                    + " VALUES (100, 1, 2, 1, 20, 10)");
        }
        awaitTheView();
        assertThat(viewsKept()).isEqualTo(kept + OpeningView.CALLS.size());
        double hits = HttpCachingTest.counter("analytics_cache_hits_total", summary.operation());
        var answer = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(uri(summary));
        answer.then().statusCode(200);
        // the new data's answer, from the cache
        assertThat(answer.<String>path("dataAsOf")).isNotEqualTo(before);
        assertThat(answer.<Integer>path("current.orders")).isEqualTo(OpeningViewTest.ordersOf(dataSource));
        assertThat(HttpCachingTest.counter("analytics_cache_hits_total", summary.operation())).isEqualTo(hits + 1);
    }

    /** The valid orders of the store as written (the fixture's canceled ones left out, as the analytics leave them). */
    static int ordersOf(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                var rs = st
                        .executeQuery("SELECT count(*) FROM commerce.orders WHERE status NOT IN ('canceled', 'unavailable')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits (without a time assertion: two minutes bound a stuck build, not a goal) for the view of the data as it is now. */
    private void awaitTheView() {
        await().atMost(Duration.ofMinutes(2)).until(() -> view.lastDone().equals(mart.read()));
    }

    private static double viewsKept() {
        return OpeningView.CALLS.stream().map(OpeningView.Call::operation).distinct()
                .mapToDouble(operation -> HttpCachingTest.counter("analytics_cache_opening_view_total", operation)).sum();
    }

    private static String uri(OpeningView.Call call) {
        return call.path() + call.query().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + v))
                .collect(Collectors.joining("&", call.query().isEmpty() ? "" : "?", ""));
    }

    private static String withoutTimings(String answer) {
        return answer.replaceFirst("\"timings\":\\{[^}]*\\}", "");
    }

    /**
     * Customers 13-72 buy again and again through 2023 beside the fixture's sales, so that the lifetime-value models can be
     * fitted.
     */
    private void histories() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at)"
                    + " SELECT k, 'SP', 'SUDESTE', '2023-01-01Z' FROM generate_series(13, 72) k");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, cost)"
                    + " SELECT 1000 + k * 10 + j, k, TIMESTAMPTZ '2023-01-02T15:00:00Z' + (k + j * (10 + k % 20)) * INTERVAL '1 day',"
                    + " 'delivered', 1, 20 + k % 30 + j, 10 FROM generate_series(13, 72) k, generate_series(0, 4) j"
                    + " WHERE j <= k % 5");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price, unit_cost)"
                    + " SELECT id, 1, 1 + id % 4, 1, revenue, 10 FROM commerce.orders WHERE id >= 1000");
            // each account opens with its first purchase: seen from the start, so fitted on
            st.execute("UPDATE commerce.customers c SET created_at = f.first FROM (SELECT customer_id, min(ordered_at) AS first"
                    + " FROM commerce.orders WHERE id >= 1000 GROUP BY customer_id) f WHERE c.id = f.customer_id");
        }
    }

    /** The opening view on, checked every second. */
    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("analytics.cache.opening-view.enabled", "true", "analytics.cache.opening-view.check-every", "1s");
        }
    }
}
