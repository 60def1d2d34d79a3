package io.ecomanalytics.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.gateway.StubBackends;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A backend that sends no response headers within the response timeout (1 s here; the other tests keep the default 30 s, so
 * their held calls never time out): 504, not tried again, its connection closed, and no effect on the circuit.
 */
@QuarkusTest
@TestProfile(ProxyTimeoutTest.ShortResponseTimeout.class)
class ProxyTimeoutTest {
    @TestHTTPResource("/")
    URL base;

    @Inject
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The test's own response timeout. */
    public static class ShortResponseTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.proxy.response-timeout", "PT1S");
        }
    }

    @Test
    void answers504WithoutTryingAgainAndClosesTheTimedOutCallSoTheBackendSeesItsCallerGone() throws Exception {
        String viewer = TestTokens.forRole(Roles.VIEWER);
        StubBackends.hangHits.set(0);
        StubBackends.hangRelease = new CountDownLatch(1);
        double retriesBefore = meters.counter("gateway.proxy.retries").count();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            // more timeouts than the circuit's window (4 in tests)
            for (int i = 0; i < 5; i++) {
                calls.add(http.sendAsync(get("/api/v1/metrics/hang", viewer), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> answer = call.get(30, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(504);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
            // a GET is not tried again after a timeout: no retry, and never more than one backend call per call (a call
            // whose time ran out before it reached the backend, on a very busy machine, makes none)
            assertThat(meters.counter("gateway.proxy.retries").count()).isEqualTo(retriesBefore);
            assertThat(StubBackends.hangHits.get()).isBetween(1, 5);
            StubBackends.hangCut = new CountDownLatch(StubBackends.hangHits.get());
            // timeouts do not open the circuit of that backend and class
            given().auth().oauth2(viewer).get("/api/v1/metrics/echo").then().statusCode(200);
        } finally {
            StubBackends.hangRelease.countDown();
        }
        // the backend finds every one of those connections closed
        assertThat(StubBackends.hangCut.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private HttpRequest get(String path, String token) throws Exception {
        return HttpRequest.newBuilder(base.toURI().resolve(path)).header("Authorization", "Bearer " + token).build();
    }
}
