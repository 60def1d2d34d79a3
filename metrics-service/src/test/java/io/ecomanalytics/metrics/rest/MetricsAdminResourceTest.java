package io.ecomanalytics.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.metrics.OrderFixtures;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetricsAdminResourceTest {
    @Inject
    RedisDataSource redis;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void loadOrders() throws Exception {
        OrderFixtures.cleanRedis(redis);
        OrderFixtures.insertIntoPostgres(dataSource, OrderFixtures.events());
    }

    @Test
    void adminRebuildsTheDaysFromPostgres() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).queryParam("from", "2026-03-09")
                .queryParam("to", "2026-03-11").post("/api/v1/metrics/rebuild").then().statusCode(200)
                .body("days", equalTo(3))
                .body("daysWithOrders", equalTo(2))
                .body("orders", equalTo(4));
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get("/api/v1/metrics/daily/2026-03-10").then()
                .statusCode(200).body("orders", equalTo(3));
    }

    @Test
    void onlyAdminsMayRebuild() {
        given().queryParam("from", "2026-03-10").queryParam("to", "2026-03-10").post("/api/v1/metrics/rebuild")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).queryParam("from", "2026-03-10")
                .queryParam("to", "2026-03-10").post("/api/v1/metrics/rebuild").then().statusCode(403);
    }

    @Test
    void rebuildAnswersBadParametersWith400() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).queryParam("from", "10-03-2026")
                .queryParam("to", "2026-03-10").post("/api/v1/metrics/rebuild").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("from"));
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).queryParam("from", "2026-03-10")
                .queryParam("to", "2026-03-01").post("/api/v1/metrics/rebuild").then().statusCode(400)
                .body("field", equalTo("to"));
    }

    @Test
    void analystReconcilesADayAndSeesAPlantedDifference() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).queryParam("from", "2026-03-10")
                .queryParam("to", "2026-03-11").post("/api/v1/metrics/rebuild").then().statusCode(200);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).queryParam("date", "2026-03-11")
                .get("/api/v1/metrics/reconcile").then().statusCode(200)
                .body("consistent", equalTo(true)).body("differences", hasSize(0));

        redis.value(String.class).set("pedidos_count:2026-03-11", "2");

        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).queryParam("date", "2026-03-11")
                .get("/api/v1/metrics/reconcile").then().statusCode(200)
                .body("consistent", equalTo(false))
                .body("differences", hasSize(1))
                .body("differences[0].key", equalTo("pedidos_count:2026-03-11"))
                .body("differences[0].redis", equalTo("2"))
                .body("differences[0].postgres", equalTo("1"));
    }

    @Test
    void reconcileRefusesDatesAtTheEdgesOfTheCalendarWith400() {
        // LocalDate.MAX and MIN used to reach PostgreSQL as infinity and fail there (500)
        for (String date : new String[]{"+999999999-12-31", "-999999999-01-01", "0001-01-01", "9999-12-31"}) {
            given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).queryParam("date", date)
                    .get("/api/v1/metrics/reconcile").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("date"));
        }
    }

    @Test
    void refusesUnknownQueryParametersWith400NamingThem() {
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).queryParam("date", "2026-03-11")
                .queryParam("dte", "2026-03-11").get("/api/v1/metrics/reconcile").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("dte"));
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).queryParam("from", "2026-03-10")
                .queryParam("to", "2026-03-10").queryParam("force", "true").post("/api/v1/metrics/rebuild").then()
                .statusCode(400).body("field", equalTo("force"));
    }

    @Test
    void reconcileIsForAnalystsAndNeedsADate() {
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).queryParam("date", "2026-03-11")
                .get("/api/v1/metrics/reconcile").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get("/api/v1/metrics/reconcile").then()
                .statusCode(400).body("field", equalTo("date"));
    }
}
