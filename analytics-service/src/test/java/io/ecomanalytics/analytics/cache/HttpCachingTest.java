package io.ecomanalytics.analytics.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ecomanalytics.analytics.SalesFixture;
import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Caches that are never stale: every answer's ETag and the Redis cache are keyed by the data version, which every writer's
 * refresh of the sales mart bumps. A change of the data (a live order here, written as the simulator writes it) gives the next
 * call a new answer, a new ETag and a cache miss.
 */
@QuarkusTest
class HttpCachingTest {
    private static final String H1 = "?from=2024-01-01&to=2024-06-30";
    private static final String SUMMARY = "/api/v1/analytics/financial/summary" + H1;
    private static final String ANOMALIES = "/api/v1/analytics/anomalies/orders" + H1;

    @Inject
    @Writer
    DataSource dataSource;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void loadFixture() throws SQLException {
        SalesFixture.load(dataSource);
        redis.flushall();
    }

    @ParameterizedTest
    @ValueSource(strings = {"financial/summary", "financial/timeseries", "cohorts/retention", "customers/rfm",
            "customers/rfm/segments", "products/top", "products/lifecycle", "products/combinations", "geo/regions",
            "geo/states", "forecast/revenue", "anomalies/orders", "info"})
    void tagsEveryAnswerWithItsDataVersionAndTheTimeOfItsData(String path) throws SQLException {
        Response answer = as(Roles.ADMIN).get("/api/v1/analytics/" + path);
        answer.then().statusCode(200).header("ETag", startsWith("W/\"")).header("Cache-Control", "private, max-age=0")
                .header("Vary", "Accept");
        // dataAsOf: when the mart this answer was computed from last changed
        assertThat(OffsetDateTime.parse(answer.path("dataAsOf"))).isEqualTo(refreshedAt());
        as(Roles.ADMIN).header("If-None-Match", answer.header("ETag")).get("/api/v1/analytics/" + path).then()
                .statusCode(304).header("ETag", answer.header("ETag")).body(emptyString());
    }

    @Test
    void answersAFreshAnswerOnceALiveOrderChangedTheData() throws SQLException {
        Response before = viewer().get(SUMMARY);
        before.then().statusCode(200).body("current.orders", equalTo(21));
        String etag = before.header("ETag");
        viewer().header("If-None-Match", etag).get(SUMMARY).then().statusCode(304);

        liveOrder();

        Response after = viewer().header("If-None-Match", etag).get(SUMMARY);
        after.then().statusCode(200).body("current.orders", equalTo(22));
        assertThat(after.header("ETag")).isNotEqualTo(etag);
        assertThat(OffsetDateTime.parse(after.path("dataAsOf")))
                .isAfter(OffsetDateTime.parse(before.path("dataAsOf")));
    }

    @Test
    void keysTheETagOnTheCanonicalRequest() {
        String etag = viewer().get(SUMMARY).header("ETag");
        // the same parameters in another order are the same request
        viewer().header("If-None-Match", etag).get("/api/v1/analytics/financial/summary?to=2024-06-30&from=2024-01-01")
                .then().statusCode(304);
        // another period, or a file instead of JSON, is another answer
        assertThat(viewer().get("/api/v1/analytics/financial/summary?from=2024-01-01&to=2024-03-31").header("ETag"))
                .isNotEqualTo(etag);
        as(Roles.ANALYST).header("If-None-Match", etag).get(SUMMARY + "&format=csv").then().statusCode(200)
                .contentType(startsWith("text/csv"));
        as(Roles.ANALYST).header("If-None-Match", etag).accept("application/pdf").get(SUMMARY).then().statusCode(200)
                .contentType("application/pdf");
    }

    @Test
    void keepsHeavyAnswersInRedisUntilTheDataChanges() throws SQLException {
        double hits = counter("analytics_cache_hits_total", "orderAnomalies");
        double misses = counter("analytics_cache_misses_total", "orderAnomalies");

        String first = analyst().get(ANOMALIES).then().statusCode(200).extract().asString();
        String second = analyst().get(ANOMALIES).then().statusCode(200).contentType("application/json").extract()
                .asString();
        assertThat(second).isEqualTo(first);
        assertThat(counter("analytics_cache_misses_total", "orderAnomalies")).isEqualTo(misses + 1);
        assertThat(counter("analytics_cache_hits_total", "orderAnomalies")).isEqualTo(hits + 1);
        assertThat(redis.key().keys("analytics:answer:*")).hasSize(1);

        liveOrder();
        String third = analyst().get(ANOMALIES).then().statusCode(200).extract().asString();
        assertThat(counter("analytics_cache_misses_total", "orderAnomalies")).isEqualTo(misses + 2);
        assertThat(third).isNotEqualTo(first).contains("\"dataAsOf\":");
    }

    /** A viewer may ask for any period of a light analysis: what a call computes is not kept, so Redis does not follow. */
    @Test
    void keepsNoLightAnswerComputedForACall() {
        viewer().get(SUMMARY).then().statusCode(200);
        viewer().get("/api/v1/analytics/financial/timeseries?from=2024-01-01&to=2024-03-31").then().statusCode(200);
        viewer().get("/api/v1/analytics/customers/rfm/segments" + H1).then().statusCode(200);
        assertThat(redis.key().keys("analytics:answer:*")).isEmpty();
        analyst().get(ANOMALIES).then().statusCode(200);
        assertThat(redis.key().keys("analytics:answer:*")).hasSize(1);
    }

    @Test
    void neverAnswersAFileRequestFromACachedJsonAnswer() {
        analyst().get(ANOMALIES).then().statusCode(200);
        analyst().get(ANOMALIES).then().statusCode(200).contentType("application/json");
        String csv = analyst().get(ANOMALIES + "&format=csv").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        assertThat(csv).doesNotContain("dataAsOf").doesNotStartWith("{");
        analyst().accept("application/pdf").get(ANOMALIES).then().statusCode(200).contentType("application/pdf");
        analyst().get(ANOMALIES).then().statusCode(200).contentType("application/json");
    }

    @Test
    void neverServesACachedAnswerToACallerTheOperationRefuses() {
        String etag = analyst().get(ANOMALIES).then().statusCode(200).extract().header("ETag");
        analyst().get(ANOMALIES).then().statusCode(200);
        viewer().get(ANOMALIES).then().statusCode(403);
        viewer().header("If-None-Match", etag).get(ANOMALIES).then().statusCode(403);
        given().header("If-None-Match", etag).get(ANOMALIES).then().statusCode(401);
    }

    /** The answer names its caller: another caller's ETag does not match. */
    @Test
    void keysAnAnswerThatNamesItsCallerOnTheCaller() {
        String etag = as(Roles.ADMIN).get("/api/v1/analytics/info").header("ETag");
        given().auth().oauth2(TestTokens.claims("another-admin", Roles.ADMIN).sign()).header("If-None-Match", etag)
                .get("/api/v1/analytics/info").then().statusCode(200).body("caller.name", equalTo("another-admin"));
    }

    /** An order placed as the live stream places it: committed, then the mart refreshed (the writer datasource does). */
    private void liveOrder() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, cost)"
                    + " VALUES (100, 4, '2024-06-29 12:00-03', 'approved', 1, 20, 10)");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price, unit_cost)"
                    + " VALUES (100, 1, 2, 1, 20, 10)");
        }
    }

    private OffsetDateTime refreshedAt() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT refreshed_at FROM commerce.mart_state")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    /** A counter of this service's Prometheus page, 0 when it has not been counted yet. */
    static double counter(String name, String operation) {
        String page = given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*operation=\"" + operation + "\"[^}]*\\} ([0-9.E+-]+)$")
                .matcher(page);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRole(role));
    }

    private static RequestSpecification viewer() {
        return as(Roles.VIEWER);
    }

    private static RequestSpecification analyst() {
        return as(Roles.ANALYST);
    }
}
