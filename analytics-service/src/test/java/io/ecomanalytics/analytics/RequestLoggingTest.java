package io.ecomanalytics.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.observability.AccessLog;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One request can be followed through the logs: the caller's request id and the request's trace id are in the logging context
 * of every line written while serving it (here a line written from the worker thread), and one access line names method, route
 * template, status, duration and user.
 */
@QuarkusTest
class RequestLoggingTest {
    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void writesOneAccessLineWithTheCallersRequestId() {
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).header("X-Request-Id", "t-123")
                .get("/api/v1/analytics/financial/summary?from=2024-01-01&to=2024-01-31").then().statusCode(200)
                .header("X-Request-Id", "t-123");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> access("t-123") != null);
        Map<String, String> mdc = access("t-123").getMdcCopy();
        assertThat(mdc).containsEntry("requestId", "t-123").containsEntry("method", "GET")
                .containsEntry("route", "/api/v1/analytics/financial/summary").containsEntry("status", "200")
                .containsEntry("user", "test-" + Roles.VIEWER).containsKey("durationMs");
    }

    @Test
    void givesEveryLineWrittenWhileServingTheRequestItsId() {
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).header("X-Request-Id", "t-456")
                .get("/test/logging").then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> access("t-456") != null);
        records.stream().filter(r -> r.getMessage().contains(LoggingResource.LINE) || "access".equals(r.getLoggerName()))
                .forEach(r -> org.jboss.logging.Logger.getLogger("DBG").infof("DBG %s %s", r.getLoggerName(), r.getMdcCopy()));
        assertThat(records).filteredOn(r -> r.getMessage().contains(LoggingResource.LINE))
                .singleElement().satisfies(r -> {
                    assertThat(r.getThreadName()).doesNotContain("eventloop");
                    assertThat(r.getMdcCopy()).containsEntry("requestId", "t-456");
                });
        assertThat(access("t-456").getMdcCopy()).containsEntry("route", "/test/logging").containsEntry("status", "200");
        // the OpenTelemetry trace of the request names both lines too (recorded or not, its context exists)
        String traceId = access("t-456").getMdcCopy().get("traceId");
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(records).filteredOn(r -> r.getMessage().contains(LoggingResource.LINE))
                .allSatisfy(r -> assertThat(r.getMdcCopy()).containsEntry("traceId", traceId));
    }

    @Test
    void makesAnIdForACallerWithoutOneOrWithAnUnsafeOne() {
        String id = given().header("X-Request-Id", "bad id\twith spaces").get("/api/v1/analytics/financial/summary")
                .then().statusCode(401).extract().header("X-Request-Id");
        assertThat(id).matches("[0-9a-f-]{36}");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> access(id) != null);
        assertThat(access(id).getMdcCopy()).containsEntry("status", "401").doesNotContainKey("user");
    }

    private ExtLogRecord access(String requestId) {
        return records.stream().filter(r -> AccessLog.CATEGORY.equals(r.getLoggerName()))
                .filter(r -> requestId.equals(r.getMdcCopy().get("requestId"))).findFirst().orElse(null);
    }
}
