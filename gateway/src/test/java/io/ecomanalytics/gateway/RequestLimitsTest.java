package io.ecomanalytics.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.problem.Problem;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A request line or header block over the configured limits (Quarkus's defaults here: 4096 bytes and 20 KiB) is answered with
 * 414 or 431 and a problem+json body, not Vert.x's empty answer.
 */
@QuarkusTest
class RequestLimitsTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void answersATooLongUriWith414ProblemJson() {
        RawHttp.Answer answer = RawHttp.send(base, "GET", "/api/v1/metrics/echo?q=" + "a".repeat(5000),
                Map.of("X-Request-Id", "long-uri"), null);
        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        JsonPath body = JsonPath.from(answer.body());
        assertThat(body.getInt("status")).isEqualTo(414);
        assertThat(body.getString("detail")).contains("request line").contains("4096");
        assertThat(body.getString("requestId")).isEqualTo("long-uri");
    }

    @Test
    void answersTooLargeHeadersWith431ProblemJson() {
        RawHttp.Answer answer = RawHttp.send(base, "GET", "/api/v1/metrics/echo",
                Map.of("X-Padding", "b".repeat(25 * 1024)), null);
        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        JsonPath body = JsonPath.from(answer.body());
        assertThat(body.getInt("status")).isEqualTo(431);
        assertThat(body.getString("detail")).contains("headers").contains("20480");
    }

    @Test
    void letsARequestWithinTheLimitsThrough() {
        RawHttp.Answer answer = RawHttp.send(base, "GET", "/api/v1/metrics/echo?q=" + "a".repeat(3000),
                Map.of("X-Padding", "b".repeat(10 * 1024)), null);
        // no token: the gateway's own 401 shows the call got past the limits
        assertThat(answer.status()).isEqualTo(401);
    }
}
