package io.ecomanalytics.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Rate-limit headers and the 429 at the gateway (test limit: a viewer may make 5 heavy calls a minute). */
@QuarkusTest
class RateLimitHeadersTest {

    @Test
    void countsDownAndRefusesTheSixthHeavyCallOfAViewer() {
        String viewer = TestTokens.claims("rl-" + UUID.randomUUID(), Roles.VIEWER).sign();
        for (int remaining = 4; remaining >= 0; remaining--) {
            given().auth().oauth2(viewer).get("/api/v1/analytics/cohorts/monthly").then().statusCode(200)
                    .header("X-RateLimit-Limit", "5")
                    .header("X-RateLimit-Remaining", Integer.toString(remaining));
        }
        Response refused = given().auth().oauth2(viewer).get("/api/v1/analytics/customers/rfm");
        refused.then().statusCode(429).contentType("application/problem+json")
                .header("X-RateLimit-Remaining", "0")
                .body("detail", equalTo("rate limit of 5 heavy calls per period reached"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.header("Retry-After")).isEqualTo(refused.header("X-RateLimit-Reset"));

        // reads have a bucket of their own
        given().auth().oauth2(viewer).get("/api/v1/metrics/echo").then().statusCode(200)
                .header("X-RateLimit-Limit", "10000").header("X-RateLimit-Remaining", "9999");
    }
}
