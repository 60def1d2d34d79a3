package io.ecomanalytics.contracts.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/**
 * The operations endpoints every service serves: health and Prometheus metrics on the management port only, the OpenAPI
 * document and problem details on the API's. A service's test extends it and names the checks it expects.
 */
public abstract class OperationsEndpointsContract {
    /** Requests to the management interface, on its own (random) test port. */
    private static RequestSpecification management() {
        return given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }

    /** Names of the readiness checks of the servers this service really uses. */
    protected abstract String[] readinessChecks();

    @Test
    void isLiveAndReadyWithItsServers() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks()));
    }

    @Test
    void servesPrometheusMetrics() {
        management().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }

    @Test
    void tagsEveryMeterWithTheServiceAndKeepsLatencyHistogramsPerRoute() {
        given().get("/no/such/path").then().statusCode(404);
        String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("le=\"0.005\""))
                .body(containsString("le=\"30.0\""))
                .body(containsString("service=\"" + service + "\""))
                .body(containsString("agroal_active_count"));
    }

    @Test
    void keepsHealthAndMetricsOffTheApiPort() {
        for (String path : new String[]{"/q/metrics", "/q/health", "/q/health/ready"}) {
            given().get(path).then().statusCode(404);
        }
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
