package io.ecomanalytics.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One request followed through the platform's JSON logs, as an operator follows it: the caller's {@code X-Request-Id} comes
 * back in the answer and is in the logging context of the gateway's and the serving backend's lines, both of which carry the
 * same trace id (the gateway passes the trace context on); each writes one access line with method, route template, status,
 * duration and user.
 */
class RequestTracingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Platform platform;
    private static String admin;

    @BeforeAll
    static void platform() {
        platform = Platform.shared();
        admin = platform.client().adminToken();
    }

    @Test
    void aCallersRequestIdIsInTheGatewaysAndTheBackendsLogLinesWithOneTraceId() throws Exception {
        // unique per run of the shared platform, in the shape the issue names (t-123)
        String requestId = "t-123-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> answer = send("/api/v1/analytics/financial/summary?from=2024-01-01&to=2024-12-31&state=SP",
                requestId);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Request-Id")).hasValue(requestId);

        // a line is written when the answer is complete, which may be just after the caller has it
        JsonNode gatewayAccess = awaitAccessLine("gateway", requestId);
        JsonNode backendAccess = awaitAccessLine("analytics-service", requestId);

        for (JsonNode line : List.of(gatewayAccess, backendAccess)) {
            JsonNode mdc = line.path("mdc");
            assertThat(mdc.path("requestId").asText()).isEqualTo(requestId);
            assertThat(mdc.path("method").asText()).isEqualTo("GET");
            assertThat(mdc.path("status").asText()).isEqualTo("200");
            assertThat(mdc.path("user").asText()).isEqualTo(Platform.ADMIN);
            assertThat(mdc.path("durationMs").asText()).matches("\\d+");
            assertThat(mdc.path("traceId").asText()).matches("[0-9a-f]{32}");
        }
        // the backend's route is its resource template; the gateway's is the path it routed
        assertThat(backendAccess.path("mdc").path("route").asText()).isEqualTo("/api/v1/analytics/financial/summary");
        assertThat(gatewayAccess.path("mdc").path("route").asText()).startsWith("/api/v1/analytics/financial/summary");
        assertThat(backendAccess.path("mdc").path("traceId").asText())
                .as("one trace from the gateway into the backend")
                .isEqualTo(gatewayAccess.path("mdc").path("traceId").asText());
        // the other services did not serve it
        assertThat(linesWith("metrics-service", requestId)).isEmpty();
        assertThat(linesWith("simulator-service", requestId)).isEmpty();
    }

    @Test
    void everyLineWrittenWhileServingARefusedCallCarriesItsRequestId() {
        String requestId = "t-bad-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> answer = send("/api/v1/analytics/financial/summary?from=2024-13-01", requestId);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("from");
        JsonNode access = awaitAccessLine("analytics-service", requestId);
        assertThat(access.path("mdc").path("status").asText()).isEqualTo("400");
        // whatever else the backend logged about it carries the id as well: no line of this call lacks it
        List<JsonNode> lines = linesWith("analytics-service", requestId);
        assertThat(lines).allSatisfy(l -> assertThat(l.path("mdc").path("requestId").asText()).isEqualTo(requestId));
    }

    private static HttpResponse<String> send(String pathAndQuery, String requestId) {
        return PlatformClient.exchange(HttpRequest.newBuilder(platform.gateway().resolve(URI.create(pathAndQuery)))
                .header("Authorization", "Bearer " + admin).header("X-Request-Id", requestId)
                .timeout(Duration.ofSeconds(60)).build());
    }

    private static JsonNode awaitAccessLine(String service, String requestId) {
        return Awaitility.await(service + "'s access line for " + requestId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> linesWith(service, requestId).stream().filter(l -> l.path("loggerName").asText().equals("access"))
                        .findFirst().orElse(null), line -> line != null);
    }

    /** The JSON lines of a service's log (target/platform-logs) that mention the id anywhere. */
    private static List<JsonNode> linesWith(String service, String requestId) {
        Path log = platform.service(service).log();
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(requestId)).map(RequestTracingIT::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
