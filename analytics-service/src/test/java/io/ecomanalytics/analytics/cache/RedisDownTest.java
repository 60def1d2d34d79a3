package io.ecomanalytics.analytics.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.LocalServers;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The cache is optional: with Redis unreachable, heavy answers are computed every time, never a 5xx. */
@QuarkusTest
@TestProfile(RedisDownTest.DeadRedis.class)
class RedisDownTest {
    private static final String ANOMALIES = "/api/v1/analytics/anomalies/orders?from=2024-01-01&to=2024-06-30";

    @Inject
    @Writer
    DataSource dataSource;

    @Test
    void computesHeavyAnswersWithoutTheCacheWhileRedisIsDown() throws SQLException {
        SalesFixture.load(dataSource);
        double unavailable = HttpCachingTest.counter("analytics_cache_unavailable_total", "orderAnomalies");
        String first = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(ANOMALIES).then().statusCode(200)
                .extract().asString();
        String second = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(ANOMALIES).then().statusCode(200)
                .extract().asString();
        // equal but for the time each took
        assertThat(withoutTimings(second)).isEqualTo(withoutTimings(first));
        assertThat(HttpCachingTest.counter("analytics_cache_unavailable_total", "orderAnomalies"))
                .isGreaterThanOrEqualTo(unavailable + 2);
        // and the service stays ready: Redis is no readiness check of it
        given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
                .get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static String withoutTimings(String answer) {
        return answer.replaceFirst("\"timings\":\\{[^}]*\\}", "");
    }

    /** The local servers, with Redis on a port where nothing listens. */
    public static class DeadRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DeadRedisServers.class,
                    Map.of(LocalServers.DATABASE, "ecom_test_analytics", LocalServers.REDIS_DB, "2")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static class DeadRedisServers extends LocalServers {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new java.util.HashMap<>(super.start());
            // port 1 (tcpmux): reserved, nothing listens there on these machines
            config.put("quarkus.redis.hosts", "redis://127.0.0.1:1");
            return config;
        }
    }
}
