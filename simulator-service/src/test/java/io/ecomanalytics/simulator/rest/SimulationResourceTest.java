package io.ecomanalytics.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.events.RebuildRequests;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class SimulationResourceTest {
    private static final String SMALL = "{\"years\": 1, \"customersPerYear\": 200, \"productsPerYear\": 30,"
            + " \"startDate\": \"2024-01-01\", \"seed\": 3, \"replace\": true}";

    @Inject
    RedisDataSource redis;

    private static String admin() {
        return TestTokens.forRole(Roles.ADMIN);
    }

    @Test
    void runsASimulationAndReportsItsProgressRowsAndRebuild() {
        Response accepted = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(SMALL)
                .post("/api/v1/simulations");
        accepted.then().statusCode(202).header("Location", containsString("/api/v1/simulations/"))
                .body("kind", equalTo("simulation")).body("parameters.customersPerYear", equalTo(200))
                .body("parameters.seed", equalTo(3)).body("parameters.warmUpYears", equalTo(5));
        String location = accepted.header("Location");
        String id = accepted.path("id");

        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED"
                .equals(given().auth().oauth2(admin()).get(location).path("status")));
        given().auth().oauth2(admin()).get(location).then().statusCode(200).body("percent", equalTo(100.0f))
                .body("counts.products", equalTo(30)).body("counts.customers", greaterThanOrEqualTo(200))
                .body("counts.orders", greaterThan(200)).body("elapsedSeconds", greaterThan(0f))
                .body("result.groundTruth.r", equalTo(2.0f)).body("result.groundTruth.warmUpYears", equalTo(5))
                .body("result.groundTruth.warmUpCustomersByYear.size()", equalTo(5))
                .body("metricsRebuild", equalTo("pending"));

        // the rebuild request names the run and its first and last order days
        List<StreamMessage<String, String, String>> requests = redis.stream(String.class)
                .xrange(RebuildRequests.STREAM, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertThat(requests).anySatisfy(m -> {
            assertThat(m.payload()).containsEntry(RebuildRequests.FIELD_RUN_ID, id);
            assertThat(m.payload().get(RebuildRequests.FIELD_FROM)).startsWith("2024-01");
            assertThat(m.payload().get(RebuildRequests.FIELD_TO)).startsWith("2024-12");
        });
        redis.hash(String.class).hset(RebuildRequests.resultKey(id), Map.of("status", "done", "at", "now"));
        given().auth().oauth2(admin()).get(location).then().body("metricsRebuild", equalTo("done"));
        given().auth().oauth2(admin()).get("/api/v1/simulations?limit=5").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(id));
        // an ended run cannot be cancelled
        given().auth().oauth2(admin()).delete(location).then().statusCode(409);
    }

    @Test
    void namesTheGatewaysAddressInLocationWhenCalledThroughIt() {
        Response accepted = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(SMALL)
                .header("X-Forwarded-Host", "gateway.example:8443").header("X-Forwarded-Proto", "https")
                .post("/api/v1/simulations");
        accepted.then().statusCode(202).header("Location",
                equalTo("https://gateway.example:8443/api/v1/simulations/" + accepted.path("id")));
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(given().auth().oauth2(admin())
                .get("/api/v1/simulations/" + accepted.path("id")).path("status")));
    }

    @Test
    void cancelsARunAndRollsItBack() {
        // large enough (~250,000 orders) to still be queued or running when the DELETE arrives
        Response accepted = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"years\": 5, \"customersPerYear\": 20000, \"seed\": 9}").post("/api/v1/simulations");
        accepted.then().statusCode(202);
        String location = accepted.header("Location");
        given().auth().oauth2(admin()).delete(location).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED"
                .equals(given().auth().oauth2(admin()).get(location).path("status")));
        given().auth().oauth2(admin()).get(location).then().body("counts.size()", equalTo(0))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void rejectsOutOfRangeAndUnknownFieldsNamingThem() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"years\": 0}").post("/api/v1/simulations")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("years"));
        // a fraction is not cut to a whole number (which would start a 2-year run)
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"years\": 2.5}").post("/api/v1/simulations")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("years"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"fraudRate\": 0.5}")
                .post("/api/v1/simulations").then().statusCode(400).body("field", equalTo("fraudRate"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"profile\": \"amazon\"}")
                .post("/api/v1/simulations").then().statusCode(400).body("field", equalTo("profile"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"startDate\": \"yesterday\"}")
                .post("/api/v1/simulations").then().statusCode(400).body("field", equalTo("startDate"));
        for (String warmUp : List.of("-1", "11", "2.5", "\"five\"")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"warmUpYears\": " + warmUp + "}")
                    .post("/api/v1/simulations").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("warmUpYears"));
        }
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"yeers\": 2}").post("/api/v1/simulations")
                .then().statusCode(400).body("field", equalTo("yeers"));
        given().auth().oauth2(admin()).get("/api/v1/simulations?limit=0").then().statusCode(400)
                .body("field", equalTo("limit"));
        given().auth().oauth2(admin()).get("/api/v1/simulations?limit=5&order=asc").then().statusCode(400)
                .body("field", equalTo("order"));
        given().auth().oauth2(admin()).get("/api/v1/simulations/42").then().statusCode(400)
                .body("field", equalTo("id"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"seed\": -1}").post("/api/v1/simulations")
                .then().statusCode(400).body("field", equalTo("seed"));
    }

    @Test
    void takesStartDatesOnlyAsIsoDatesInsideTheWindow() {
        // LocalDate.MIN passes @PastOrPresent; an empty array was read as no date; neither may start a run
        int runs = given().auth().oauth2(admin()).get("/api/v1/simulations?limit=200").path("size()");
        for (String startDate : List.of("\"-999999999-01-01\"", "\"0000-01-01\"", "\"1999-12-31\"", "[]",
                "[2024, 1, 1]", "20240101")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"startDate\": " + startDate + "}")
                    .post("/api/v1/simulations").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("startDate"));
        }
        given().auth().oauth2(admin()).get("/api/v1/simulations?limit=200").then().body("size()", equalTo(runs));
    }

    @Test
    void answersNotFoundForAnUnknownRun() {
        given().auth().oauth2(admin()).get("/api/v1/simulations/00000000-0000-0000-0000-000000000000").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void isForAdminsOnly() {
        given().contentType(ContentType.JSON).body(SMALL).post("/api/v1/simulations").then().statusCode(401);
        given().get("/api/v1/simulations").then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).contentType(ContentType.JSON).body(SMALL)
                .post("/api/v1/simulations").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get("/api/v1/simulations").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST))
                .delete("/api/v1/simulations/00000000-0000-0000-0000-000000000000").then().statusCode(403);
    }
}
