package io.ecomanalytics.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.gateway.LoginKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Failed logins slow and then block a user name (test settings: slow after 3 failures with 0.3 s between attempts, blocked
 * after 5 for 10 minutes; the address thresholds are 4 times higher).
 */
@QuarkusTest
class LoginThrottleTest {
    @Inject
    RedisDataSource redis;

    @BeforeEach
    void forgetFailedLogins() {
        LoginKeys.clear(redis);
    }

    @Test
    void slowsThenBlocksAUserNameAfterRepeatedFailures() {
        for (int i = 1; i <= 3; i++) {
            attempt("admin", "wrong").then().statusCode(401);
        }
        // the third failure reached slow-after: the next attempt right away must wait, even with the right password
        attempt("admin", "test-admin-password").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", "1");

        // after the delay two more failures (4 and 5) reach block-after
        for (int failures = 4; failures <= 5; failures++) {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> attempt("admin", "wrong").statusCode() == 401);
        }
        Response blocked = attempt("admin", "test-admin-password");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(590L, 600L);
        blocked.then().body("detail", equalTo("too many failed logins; blocked for a while"));

        // another user from the same address is not affected (the address allows 4 times more)
        attempt("nobody", "wrong").then().statusCode(401);
    }

    @Test
    void aSuccessfulLoginClearsTheUserNamesCount() {
        attempt("admin", "wrong").then().statusCode(401);
        attempt("admin", "wrong").then().statusCode(401);
        attempt("admin", "test-admin-password").then().statusCode(200);
        attempt("admin", "wrong").then().statusCode(401);
        attempt("admin", "wrong").then().statusCode(401);
        // only two failures since the success: not slowed
        attempt("admin", "test-admin-password").then().statusCode(200);
    }

    private static Response attempt(String user, String password) {
        return given().contentType("application/json")
                .body("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}").post("/auth/token");
    }
}
