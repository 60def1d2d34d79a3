package io.ecomanalytics.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard's page and assets come through the gateway without a token and with a Content-Security-Policy; nothing else is
 * passed to the dashboard, and the API, log-in and OpenAPI routes stay the gateway's.
 */
@QuarkusTest
@WithTestResource(StubDashboard.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardRoutesTest {

    @Test
    void servesThePageWithoutATokenUnderAPolicyThatAllowsOnlyOwnScripts() {
        given().get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<title>dashboard</title>"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", not(containsString("unsafe-eval")))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void servesTheModulesAndTheChartLibrary() {
        given().get("/app/main.js").then().statusCode(200).contentType(startsWith("text/javascript"))
                .body(equalTo("export const answer = 42;"))
                .header("Content-Security-Policy", notNullValue());
        given().get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").then().statusCode(200);
        given().head("/app/main.js").then().statusCode(200);
        given().get("/app/missing.js").then().statusCode(404);
    }

    @Test
    void passesConditionalRequestsSoBrowsersRevalidate() {
        given().header("If-None-Match", StubDashboard.ETAG).get("/app/main.js").then().statusCode(304)
                .header("ETag", StubDashboard.ETAG);
    }

    @Test
    void leavesTheApiTheLoginAndTheOpenApiDocumentToTheGateway() {
        StubDashboard.requested.clear();
        given().get("/api/v1/metrics/echo").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/auth/token").then().statusCode(400);
        given().get("/openapi").then().statusCode(200).contentType("application/json");
        given().get("/webjars/swagger-ui/index.html").then().statusCode(404);
        given().contentType("application/json").body("{}").post("/").then().statusCode(not(equalTo(200)));
        given().get("/app/../q/openapi").then().statusCode(not(equalTo(502)));
        assertThat(StubDashboard.requested).noneMatch(r -> r.contains("/api/") || r.contains("/auth/")
                || r.contains("openapi") || r.contains("swagger") || r.startsWith("POST"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void answers503WithAPlainMessageWhileTheDashboardIsDown() {
        StubDashboard.stopServer();
        given().get("/").then().statusCode(503).header("Retry-After", "5")
                .body(containsString("dashboard is not available"))
                .header("Content-Security-Policy", notNullValue());
        given().get("/api/v1/metrics/echo").then().statusCode(401);
    }
}
