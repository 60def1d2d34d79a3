package io.ecomanalytics.analytics.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.problem.Problem;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No statement outlives its bounds (issue 17: one viewer GET ran until the disk was full, outlived the gateway's 504 and the
 * service's own death): every pooled connection carries the statement timeout and the other bounds of contracts' shared
 * configuration, a statement stopped by its timeout is a 503 that says so, and a caller that goes away takes its statement with
 * it.
 */
@QuarkusTest
class StatementBoundsTest {
    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void everyPooledConnectionCarriesTheBounds() throws SQLException {
        Map<String, String> settings = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, setting, coalesce(unit, '') FROM pg_settings WHERE name IN"
                        + " ('statement_timeout', 'idle_in_transaction_session_timeout',"
                        + " 'client_connection_check_interval', 'temp_file_limit')")) {
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2) + rs.getString(3));
            }
        }
        assertThat(settings).containsEntry("statement_timeout", "25000ms")
                .containsEntry("idle_in_transaction_session_timeout", "60000ms")
                .containsEntry("client_connection_check_interval", "2000ms")
                .containsEntry("temp_file_limit", "4194304kB");
    }

    @Test
    void answersAStatementStoppedByItsTimeoutWith503() {
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get("/test/slow-query?seconds=10&timeoutMillis=200")
                .then().statusCode(503).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("longer than the statement timeout"));
    }

    @Test
    void cancelsTheStatementOfACallerThatWentAway() throws Exception {
        try (Socket caller = new Socket("127.0.0.1", port)) {
            OutputStream out = caller.getOutputStream();
            out.write(("GET /test/slow-query?seconds=30 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestTokens.forRole(Roles.VIEWER) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Awaitility.await("the slow statement runs").atMost(Duration.ofSeconds(20))
                    .until(() -> runningSlowQueries() == 1);
        }
        // the caller hung up 28 s before the statement would have ended on its own
        Awaitility.await("the statement of the departed caller is cancelled").atMost(Duration.ofSeconds(10))
                .until(() -> runningSlowQueries() == 0);
    }

    private int runningSlowQueries() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND query LIKE '%" + SlowQueryResource.MARKER + "%' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
