package io.ecomanalytics.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.ProtectedEndpointContract;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InfoResourceTest extends ProtectedEndpointContract {
    @Inject
    RedisDataSource redis;

    @Override
    protected String adminPath() {
        return "/api/v1/metrics/info";
    }

    @Test
    void reportsTheStreamLength() {
        redis.key().del(OrderEvents.STREAM);
        redis.stream(String.class).xadd(OrderEvents.STREAM, Map.of("v", "1"));
        redis.stream(String.class).xadd(OrderEvents.STREAM, Map.of("v", "1"));
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get(adminPath()).then().statusCode(200)
                .body("service", equalTo("metrics-service"))
                .body("stream", equalTo("orders:events"))
                .body("streamLength", equalTo(2));
    }
}
