package io.ecomanalytics.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.events.OrderEvent.Item;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.metrics.OrderFixtures;
import io.ecomanalytics.metrics.service.OrderEventConsumer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class MetricsResourceTest {
    @Inject
    RedisDataSource redis;
    @Inject
    OrderEventConsumer consumer;
    @TestHTTPResource("/api/v1/metrics/stream")
    URI stream;

    @BeforeEach
    void applyKnownEvents() {
        OrderFixtures.cleanRedis(redis);
        consumer.ensureGroup();
        OrderFixtures.publish(redis, OrderFixtures.events());
        consumer.poll("test", Duration.ofMillis(10));
    }

    @Test
    void servesOneDaysFigures() {
        viewer().get("/api/v1/metrics/daily/2026-03-10").then().statusCode(200)
                .body("date", equalTo("2026-03-10"))
                .body("revenue", equalTo(new BigDecimal("179.95")))
                .body("orders", equalTo(3))
                .body("activeCustomers", equalTo(2))
                // 179.95 / 3 = 59.9833...
                .body("averageTicket", equalTo(new BigDecimal("59.98")))
                .body("topProduct.productId", equalTo(12))
                .body("topProduct.quantity", equalTo(4));
    }

    @Test
    void servesASeriesWithZeroDays() {
        viewer().queryParam("from", "2026-03-10").queryParam("to", "2026-03-12").get("/api/v1/metrics/daily").then()
                .statusCode(200)
                .body("date", contains("2026-03-10", "2026-03-11", "2026-03-12"))
                .body("orders", contains(3, 1, 0))
                .body("revenue", contains(new BigDecimal("179.95"), new BigDecimal("50.00"), new BigDecimal("0.00")))
                .body("[2].averageTicket", nullValue())
                .body("[2].topProduct", nullValue());
    }

    @Test
    void servesTodayInTheStoreZone() {
        OrderFixtures.publish(redis, List.of(OrderFixtures.order(200, 9, Instant.now().toString(), "created", "SP",
                "SUDESTE", List.of(new Item(40, 3, new BigDecimal("2.50"))))));
        consumer.poll("test", Duration.ofMillis(10));

        viewer().get("/api/v1/metrics/today").then().statusCode(200)
                .body("revenue", equalTo(new BigDecimal("7.50")))
                .body("orders", equalTo(1))
                .body("topProduct.productId", equalTo(40));
    }

    @Test
    void servesAllTimeTopProducts() {
        viewer().queryParam("limit", 2).get("/api/v1/metrics/top-products").then().statusCode(200)
                .body("productId", contains(12, 11))
                .body("quantity", contains(4, 3));
    }

    @Test
    void servesRevenuePerRegion() {
        viewer().queryParam("date", "2026-03-10").get("/api/v1/metrics/regions").then().statusCode(200)
                .body("region", contains("NORTE", "NORDESTE", "CENTRO_OESTE", "SUDESTE", "SUL"))
                .body("revenue", contains(new BigDecimal("0.00"), new BigDecimal("59.70"), new BigDecimal("0.00"),
                        new BigDecimal("120.25"), new BigDecimal("0.00")));
    }

    @Test
    void streamsTodaysFiguresAtOnceAndAgainOnlyWhenTheyChange() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + TestTokens.forRole(Roles.VIEWER))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            Iterator<String> events = lines.filter(l -> l.startsWith("data:")).iterator();
            assertThat(CompletableFuture.supplyAsync(events::next).get(10, TimeUnit.SECONDS))
                    .contains("\"orders\":0").contains("\"revenue\":0.00");

            // while nothing changes, two intervals pass without an event
            CompletableFuture<String> second = CompletableFuture.supplyAsync(events::next);
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
            OrderFixtures.publish(redis, List.of(OrderFixtures.order(300, 9, Instant.now().toString(), "created", "SP",
                    "SUDESTE", List.of(new Item(40, 1, new BigDecimal("4.20"))))));
            consumer.poll("test", Duration.ofMillis(10));

            assertThat(second.get(10, TimeUnit.SECONDS)).contains("\"orders\":1").contains("\"revenue\":4.20");
        }
    }

    @Test
    void answersBadDatesAndRangesWith400NamingTheParameter() {
        viewer().get("/api/v1/metrics/daily/2026-13-01").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("date"));
        viewer().queryParam("from", "2026-03-10").get("/api/v1/metrics/daily").then().statusCode(400)
                .body("field", equalTo("to"));
        viewer().queryParam("from", "2026-03-10").queryParam("to", "2026-03-09").get("/api/v1/metrics/daily").then()
                .statusCode(400).body("field", equalTo("to"));
        // 2025-03-10 .. 2026-03-11 is 367 days, one more than allowed
        viewer().queryParam("from", "2025-03-10").queryParam("to", "2026-03-11").get("/api/v1/metrics/daily").then()
                .statusCode(400).body("field", equalTo("to"));
        viewer().queryParam("from", "2025-03-11").queryParam("to", "2026-03-11").get("/api/v1/metrics/daily").then()
                .statusCode(200);
        viewer().queryParam("limit", 0).get("/api/v1/metrics/top-products").then().statusCode(400)
                .body("field", equalTo("limit"));
        viewer().queryParam("date", "yesterday").get("/api/v1/metrics/regions").then().statusCode(400)
                .body("field", equalTo("date"));
        viewer().queryParam("from", "1999-12-31").queryParam("to", "2000-01-01").get("/api/v1/metrics/daily").then()
                .statusCode(400).body("field", equalTo("from"));
    }

    @Test
    void refusesUnknownAndRepeatedQueryParametersWith400NamingThem() {
        viewer().queryParam("limit", 2).queryParam("sort", "asc").get("/api/v1/metrics/top-products").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("sort"));
        viewer().queryParam("date", "2026-03-10").get("/api/v1/metrics/today").then().statusCode(400)
                .body("field", equalTo("date"));
        viewer().get("/api/v1/metrics/regions?date=2026-03-10&date=2026-03-11").then().statusCode(400)
                .body("field", equalTo("date"));
    }

    @Test
    void refusesCallsWithoutAValidToken() {
        given().get("/api/v1/metrics/today").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired(Roles.VIEWER)).get("/api/v1/metrics/daily/2026-03-10").then()
                .statusCode(401);
        given().get("/api/v1/metrics/stream").then().statusCode(401);
    }

    private static RequestSpecification viewer() {
        return given().config(RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .auth().oauth2(TestTokens.forRole(Roles.VIEWER));
    }
}
