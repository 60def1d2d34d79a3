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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.observability.AccessLog;
import io.ecomanalytics.contracts.problem.RequestIds;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.gateway.StubBackends;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Calls pass through to the (stub) backends with their headers, bodies and streams; failures of a backend are 503, a backend
 * that does not answer in time 504 ({@link ProxyTimeoutTest}). Bulkheads per route class (test sizes: reads 32, heavy 24,
 * streams 64) keep slow calls of one class from holding up another. Nothing here waits a fixed time: the stub counts what
 * reached it and holds calls on latches.
 */
@QuarkusTest
class ProxyTest {
    private static final int HEAVY_PLACES = 24;

    @TestHTTPResource("/")
    URL base;

    @Inject
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
    void logsAnHttp2CallersAnswerWithTheStatusItGot() throws Exception {
        // Java's own client asks for HTTP/2 (h2c); its answers were once logged as 499, the caller gone
        Map<String, String> statusById = new ConcurrentHashMap<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // the logging context belongs to the thread that logs: read it now
                ExtLogRecord line = ExtLogRecord.wrap(record);
                Object id = line.getMdc(RequestIds.MDC_KEY);
                if (id != null) {
                    statusById.put(id.toString(), String.valueOf(line.getMdc("status")));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger access = Logger.getLogger(AccessLog.CATEGORY);
        access.addHandler(capture);
        try {
            HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> answer = h2.send(HttpRequest.newBuilder(base.toURI().resolve(
                        "/api/v1/metrics/echo?day=2024-01-02")).header("Authorization", "Bearer "
                                + TestTokens.forRole(Roles.VIEWER))
                        .header(RequestIds.HEADER, "h2-call-" + i).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                String id = "h2-call-" + i;
                await().atMost(Duration.ofSeconds(60)).until(() -> statusById.containsKey(id));
                assertThat(statusById.get(id)).as("the access line of " + id).isEqualTo("200");
            }
        } finally {
            access.removeHandler(capture);
        }
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
    void callersHangingUpMidCallDoNotCountAgainstTheBackendNorKeepTheirPlaces() throws Exception {
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
            // on a loaded machine the departed calls may still hold their read places a moment: that is the bulkhead's
            // business; what must not happen is a circuit opened by them
            await().atMost(Duration.ofSeconds(30))
                    .conditionEvaluationListener(
                            c -> org.jboss.logging.Logger.getLogger("T").infof("inflight %s", readsInFlight()))
                    .until(() -> readsInFlight() == 0);
            given().auth().oauth2(token).get("/api/v1/metrics/slow").then().statusCode(200);
        }
    }

    @Test
    void keepsCheapReadsFlowingWhileEveryHeavyPlaceIsTakenAndRefusesOneMoreHeavyCall() throws Exception {
        String analyst = TestTokens.forRole(Roles.ANALYST);
        StubBackends.slowArrived.set(0);
        StubBackends.slowRelease = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> heavy = new ArrayList<>();
        try {
            for (int i = 0; i < HEAVY_PLACES; i++) {
                heavy.add(http.sendAsync(get("/api/v1/analytics/cohorts/slow", analyst),
                        HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> StubBackends.slowArrived.get() == HEAVY_PLACES);

            // the same backend's cheap reads, and another backend's, go on
            given().auth().oauth2(analyst).get("/api/v1/analytics/financial/summary").then().statusCode(200);
            given().auth().oauth2(analyst).get("/api/v1/metrics/echo").then().statusCode(200);
            // one heavy call more finds no place
            given().auth().oauth2(analyst).get("/api/v1/analytics/customers/rfm").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("detail", containsString("too many heavy calls in flight"));
        } finally {
            StubBackends.slowRelease.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> call : heavy) {
            assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        // every place is given back
        given().auth().oauth2(analyst).get("/api/v1/analytics/customers/rfm").then().statusCode(200);
    }

    @Test
    void givesEventStreamsPlacesOfTheirOwnSoTheyNeverStarveReads() throws Exception {
        StubBackends.secondEvent = new CountDownLatch(1);
        String viewer = TestTokens.forRole(Roles.VIEWER);
        List<BufferedReader> streams = new ArrayList<>();
        try {
            // more open streams than the reads bulkhead has places
            for (int i = 0; i < 40; i++) {
                HttpResponse<java.io.InputStream> stream = http.send(get("/api/v1/metrics/stream", viewer),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
                assertThat(lines.readLine()).isEqualTo("data: first");
                streams.add(lines);
            }
            given().auth().oauth2(viewer).get("/api/v1/metrics/echo").then().statusCode(200);
        } finally {
            StubBackends.secondEvent.countDown();
            for (BufferedReader stream : streams) {
                stream.close();
            }
        }
    }

    @Test
    void closesTheBackendCallOfACallerWhoLeavesBeforeTheAnswer() throws Exception {
        StubBackends.hangHits.set(0);
        StubBackends.hangRelease = new CountDownLatch(1);
        StubBackends.hangCut = new CountDownLatch(1);
        URI uri = base.toURI().resolve("/api/v1/metrics/hang");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
                    + TestTokens.forRole(Roles.VIEWER) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(30)).until(() -> StubBackends.hangHits.get() == 1);
        }
        try {
            // the gateway gives the call's place back when it sees the caller gone, and resets the backend call with it
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.get("gateway.proxy.in.flight").tag("bulkhead", "reads").gauge().value() == 0);
        } finally {
            StubBackends.hangRelease.countDown();
        }
        assertThat(StubBackends.hangCut.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void triesARefusedGetOnceMoreButNeverAPost() {
        String admin = TestTokens.forRole(Roles.ADMIN);
        Counter retries = meters.counter("gateway.proxy.retries");
        StubBackends.stopSimulator();
        try {
            double before = retries.count();
            given().auth().oauth2(admin).get("/api/v1/simulations").then().statusCode(503)
                    .body("detail", containsString("refused the connection"));
            assertThat(retries.count()).isEqualTo(before + 1);
            given().auth().oauth2(admin).contentType("application/json").body("{}").post("/api/v1/simulations").then()
                    .statusCode(503);
            assertThat(retries.count()).isEqualTo(before + 1);
        } finally {
            StubBackends.startSimulator();
        }
        // three refusals in the circuit's window of four: the next good call may find it open for its delay (1 s in tests)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(
                () -> given().auth().oauth2(admin).get("/api/v1/simulations").then().statusCode(200));
    }

    private HttpRequest get(String path, String token) throws Exception {
        return HttpRequest.newBuilder(base.toURI().resolve(path)).header("Authorization", "Bearer " + token).build();
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

    /** Read places taken at the gateway (none before its proxy's first call has registered the gauge). */
    private double readsInFlight() {
        io.micrometer.core.instrument.Gauge gauge = meters.find("gateway.proxy.in.flight").tag("bulkhead", "reads").gauge();
        return gauge == null ? 0 : gauge.value();
    }
}
