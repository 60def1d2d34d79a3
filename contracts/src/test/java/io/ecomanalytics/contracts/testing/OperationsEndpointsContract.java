package io.ecomanalytics.contracts.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

/** The operations endpoints every service serves; a service's test extends it and names the checks it expects. */
public abstract class OperationsEndpointsContract {

    /** Names of the readiness checks of the servers this service really uses. */
    protected abstract String[] readinessChecks();

    @Test
    void isLiveAndReadyWithItsServers() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks()));
    }

    @Test
    void servesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }

    @Test
    void answersAnUnknownPathWithProblemDetails() {
        given().get("/no/such/path").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
