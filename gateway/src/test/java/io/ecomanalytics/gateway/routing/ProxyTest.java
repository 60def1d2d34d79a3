package io.ecomanalytics.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.gateway.StubBackends;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Calls pass through to the (stub) backends with their headers, bodies and streams; failures of a backend are 503. */
@QuarkusTest
class ProxyTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void passesTheCallersRequestIdAndTokenOnAndReturnsTheId() {
        String token = TestTokens.forRole(Roles.VIEWER);
        given().auth().oauth2(token).header("X-Request-Id", "trace-42").get("/api/v1/metrics/echo?day=2024-01-02")
                .then().statusCode(200)
                .header("X-Request-Id", "trace-42")
                .body("requestId", equalTo("trace-42"))
                .body("uri", equalTo("/api/v1/metrics/echo?day=2024-01-02"))
                .body("authorization", equalTo("Bearer " + token))
                .body("forwardedFor", equalTo("127.0.0.1"));
    }

    @Test
    void believesNoForwardedForFromTheCaller() {
        // the login throttle and anonymous limits key on the caller's address: a header must not change it
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).header("X-Forwarded-For", "203.0.113.9")
                .header("Forwarded", "for=203.0.113.9").get("/api/v1/metrics/echo").then().statusCode(200)
                .body("forwardedFor", equalTo("203.0.113.9, 127.0.0.1"));
    }

    @Test
    void makesARequestIdWhenTheCallerGivesNoneOrAnUnsafeOne() {
        String generated = given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).header("X-Request-Id", "bad id\t!")
                .get("/api/v1/metrics/echo").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-Id");
        assertThat(generated).isNotEqualTo("bad id\t!");
    }

    @Test
    void streamsARequestBodyToTheBackend() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).contentType("application/json")
                .body("{\"days\":[\"2024-01-02\"]}").post("/api/v1/metrics/rebuild").then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("body", equalTo("{'days':['2024-01-02']}"));
    }

    @Test
    void passesServerSentEventsOnAsTheyComeWithoutBuffering() throws Exception {
        StubBackends.secondEvent = new CountDownLatch(1);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("/api/v1/metrics/stream"))
                .header("Authorization", "Bearer " + TestTokens.forRole(Roles.VIEWER))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // the backend holds the second event back until the first has arrived here
            assertThat(lines.readLine()).isEqualTo("data: first");
            StubBackends.secondEvent.countDown();
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("data: second");
        }
    }

    @Test
    void cutsAnEventStreamAtTheBackendWhenItsCallerLeaves() throws Exception {
        StubBackends.endlessStreamCut = new CountDownLatch(1);
        URI uri = base.toURI().resolve("/api/v1/metrics/stream?endless");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream()
                    .write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: gateway\r\n"
                            + "Authorization: Bearer " + TestTokens.forRole(Roles.VIEWER)
                            + "\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("HTTP/1.1 200 OK");
            while (!lines.readLine().contains("data: 0")) {
                // headers and the chunk size line come first
            }
        }
        // the stub writes an event every 10 ms for 10 s unless its connection is closed under it
        assertThat(StubBackends.endlessStreamCut.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void callersHangingUpMidCallDoNotCountAgainstTheBackend() throws Exception {
        String token = TestTokens.forRole(Roles.VIEWER);
        URI uri = base.toURI().resolve("/api/v1/metrics/slow");
        byte[] call = ("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 12; round++) {
            // callers hang up at every point of the call (before, while and after the answer arrives), others keep calling
            List<Socket> leaving = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket(uri.getHost(), uri.getPort());
                socket.getOutputStream().write(call);
                leaving.add(socket);
            }
            for (Socket socket : leaving) {
                Thread.sleep(round % 4 * 10);
                socket.setSoLinger(true, 0);
                socket.close();
            }
            given().auth().oauth2(token).get("/api/v1/metrics/slow").then().statusCode(200);
        }
    }

    @Test
    void answers503NamingAStoppedBackendAndClosesTheCircuitWhenItReturns() {
        String admin = TestTokens.forRole(Roles.ADMIN);
        StubBackends.stopSimulator();
        try {
            for (int i = 0; i < 4; i++) {
                given().auth().oauth2(admin).get("/api/v1/simulations").then().statusCode(503)
                        .contentType("application/problem+json")
                        .body("detail", containsString("backend 'simulator' is unavailable"));
            }
            given().auth().oauth2(admin).get("/api/v1/simulations").then().statusCode(503)
                    .body("detail", equalTo("backend 'simulator' is unavailable: its circuit is open after repeated failures"));
        } finally {
            StubBackends.startSimulator();
        }
        // still open right after the backend returned; half-open after the delay (1 s in tests), closed by a good call
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(
                () -> given().auth().oauth2(admin).get("/api/v1/simulations").then().statusCode(200));
        given().auth().oauth2(admin).get("/api/v1/simulations").then().statusCode(200)
                .body("uri", equalTo("/api/v1/simulations"));
    }
}
